/**
 * The goals a person can choose, each evaluated by the hub from what it stored for a local day
 * (never typed in): what it reads, its target and the limits of that target, and what a day
 * without data means for it. Pure.
 */

export type GoalTemplateId = 'steps' | 'sleep_duration' | 'bedtime' | 'bp_twice' | 'strap_overnight' | 'weight_trend' | 'water';

export interface GoalTemplate {
  readonly id: GoalTemplateId;
  readonly label: string;
  /** How the target is said ("8000 steps", "7 h 0 min", "22:30"). */
  readonly targetKind: 'steps' | 'minutes' | 'clock' | 'none' | 'kg' | 'ml';
  readonly defaultTarget: number;
  readonly minTarget: number;
  readonly maxTarget: number;
  /**
   * `wearable`: a day the device sent nothing is no data, neither met nor missed (it was off, or
   * not worn); `measuring`: the goal is to measure, so a day without the measurement is missed.
   */
  readonly withoutData: 'no_data' | 'missed';
}

export const GOAL_TEMPLATES: Readonly<Record<GoalTemplateId, GoalTemplate>> = {
  steps: { id: 'steps', label: 'Steps a day', targetKind: 'steps', defaultTarget: 8000, minTarget: 500, maxTarget: 50_000, withoutData: 'no_data' },
  sleep_duration: { id: 'sleep_duration', label: 'Time asleep', targetKind: 'minutes', defaultTarget: 7 * 60, minTarget: 4 * 60, maxTarget: 12 * 60, withoutData: 'no_data' },
  // A bedtime as minutes after midnight; within half an hour of it either side counts.
  bedtime: { id: 'bedtime', label: 'A regular bedtime', targetKind: 'clock', defaultTarget: 22 * 60 + 30, minTarget: 0, maxTarget: 24 * 60 - 1, withoutData: 'no_data' },
  bp_twice: { id: 'bp_twice', label: 'Blood pressure morning and evening', targetKind: 'none', defaultTarget: 2, minTarget: 2, maxTarget: 2, withoutData: 'missed' },
  // Without a night there is no telling whether they slept at home: a day without data, not a missed one.
  strap_overnight: { id: 'strap_overnight', label: 'Wear the strap overnight', targetKind: 'minutes', defaultTarget: 4 * 60, minTarget: 60, maxTarget: 10 * 60, withoutData: 'no_data' },
  // Judged on the days a person weighs: nobody need weigh daily, so a day without a weighing is no data.
  weight_trend: { id: 'weight_trend', label: 'Weight toward a target', targetKind: 'kg', defaultTarget: 70, minTarget: 20, maxTarget: 300, withoutData: 'no_data' },
  // Drinks written down in NutriVerse's journal: a day nothing was written is a journal not kept, not a day without drinking.
  water: { id: 'water', label: 'Water a day', targetKind: 'ml', defaultTarget: 1500, minTarget: 250, maxTarget: 5000, withoutData: 'no_data' },
};

export const GOAL_TEMPLATE_IDS = Object.keys(GOAL_TEMPLATES) as GoalTemplateId[];

/** A bedtime counts within this many minutes of the target. */
export const BEDTIME_WINDOW_MINUTES = 30;
/** Blood pressure before this local time is the morning's, from the evening one on the evening's. */
export const MORNING_ENDS_MINUTE = 12 * 60;
export const EVENING_STARTS_MINUTE = 17 * 60;

/** A week's average weight within this of the target meets the goal. */
export const WEIGHT_WITHIN_KG = 0.5;
/** Else a week's average this much closer to the target than the week before's meets it: a day's water weight is no trend. */
export const WEIGHT_TOWARD_KG = 0.1;

/** What the hub found for a person's local day, for the goals to be judged on. */
export interface DayFacts {
  /** Steps counted that day; undefined when no step counter sent anything. */
  readonly steps: number | undefined;
  /** The night that began that evening (SleepOracle's), if there was one. */
  readonly night: { readonly asleepMinutes: number; readonly startMinuteOfDay: number; readonly strapMinutes: number } | undefined;
  /** Local minutes of the day of each blood-pressure measurement. */
  readonly bloodPressureMinutes: readonly number[];
  /**
   * The day's weighings, when there were any: their mean, the mean of the seven days to its end,
   * and of the seven before (undefined without a weighing then).
   */
  readonly weight?: { readonly dayKg: number; readonly weekKg: number; readonly previousWeekKg: number | undefined };
  /** Millilitres drunk as the journal has them (`water_intake`); undefined when no drink was written down. */
  readonly waterMl?: number;
}

export type DayStatus = 'met' | 'missed' | 'no_data';

export interface DayResult {
  readonly status: DayStatus;
  /** What was found, in the target's terms (steps, minutes asleep, bedtime, measurements); null without data. */
  readonly value: number | null;
  /** 0 to 1: how far along the day is toward the target. */
  readonly progress: number;
}

const clamp01 = (v: number): number => Math.max(0, Math.min(1, v));

/** Distance between two clock minutes, across midnight (23:50 and 00:10 are 20 minutes apart). */
export function clockDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % (24 * 60);
  return Math.min(d, 24 * 60 - d);
}

export function evaluateDay(template: GoalTemplate, target: number, facts: DayFacts): DayResult {
  const none: DayResult = { status: template.withoutData, value: null, progress: 0 };
  switch (template.id) {
    case 'steps': {
      if (facts.steps === undefined) return none;
      return { status: facts.steps >= target ? 'met' : 'missed', value: facts.steps, progress: clamp01(facts.steps / target) };
    }
    case 'sleep_duration': {
      if (facts.night === undefined) return none;
      const asleep = facts.night.asleepMinutes;
      return { status: asleep >= target ? 'met' : 'missed', value: asleep, progress: clamp01(asleep / target) };
    }
    case 'bedtime': {
      if (facts.night === undefined) return none;
      const off = clockDistance(facts.night.startMinuteOfDay, target);
      return { status: off <= BEDTIME_WINDOW_MINUTES ? 'met' : 'missed', value: facts.night.startMinuteOfDay, progress: off <= BEDTIME_WINDOW_MINUTES ? 1 : clamp01(1 - (off - BEDTIME_WINDOW_MINUTES) / 120) };
    }
    case 'bp_twice': {
      const morning = facts.bloodPressureMinutes.some((m) => m < MORNING_ENDS_MINUTE);
      const evening = facts.bloodPressureMinutes.some((m) => m >= EVENING_STARTS_MINUTE);
      const done = (morning ? 1 : 0) + (evening ? 1 : 0);
      if (facts.bloodPressureMinutes.length === 0) return { status: 'missed', value: 0, progress: 0 };
      return { status: done === 2 ? 'met' : 'missed', value: done, progress: done / 2 };
    }
    case 'weight_trend': {
      if (facts.weight === undefined) return none;
      const { dayKg, weekKg, previousWeekKg } = facts.weight;
      const off = Math.abs(weekKg - target);
      const toward = previousWeekKg !== undefined && off <= Math.abs(previousWeekKg - target) - WEIGHT_TOWARD_KG;
      const met = off <= WEIGHT_WITHIN_KG || toward;
      return { status: met ? 'met' : 'missed', value: Math.round(dayKg * 10) / 10, progress: met ? 1 : 0 };
    }
    case 'water': {
      if (facts.waterMl === undefined) return none;
      return { status: facts.waterMl >= target ? 'met' : 'missed', value: facts.waterMl, progress: clamp01(facts.waterMl / target) };
    }
    case 'strap_overnight': {
      if (facts.night === undefined) return none;
      const worn = facts.night.strapMinutes;
      return { status: worn >= target ? 'met' : 'missed', value: worn, progress: clamp01(worn / target) };
    }
  }
}
