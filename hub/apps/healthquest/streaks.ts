/**
 * Streaks, points, levels and badges from a goal's days. Pure.
 *
 * A streak counts consecutive days met. A day without data (the device was off, not worn) neither
 * breaks it nor adds to it, unless the person said that day was missed; a missed day breaks it.
 * Today does not break a streak while it is still going on: it only adds once met.
 */
import type { DayStatus } from './goal-templates.js';

export interface GoalDay {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  readonly status: DayStatus;
  /** The person said this day without data was missed all the same. */
  readonly declaredMissed?: boolean;
}

export interface Streak {
  readonly current: number;
  readonly best: number;
}

function counted(day: GoalDay): DayStatus {
  return day.status === 'no_data' && day.declaredMissed === true ? 'missed' : day.status;
}

/** `days` in date order, oldest first; `today` is the local date now. */
export function streakOf(days: readonly GoalDay[], today: string): Streak {
  let run = 0;
  let best = 0;
  for (const day of days) {
    const status = counted(day);
    if (status === 'met') {
      run++;
      best = Math.max(best, run);
    } else if (status === 'missed' && day.date !== today) {
      run = 0;
    }
  }
  return { current: run, best };
}

/** Points for a goal met, per day. */
export const POINTS_PER_DAY_MET = 10;
/** Points at which each level begins: level 1 at 0, level 2 at 100, … */
export const LEVEL_FLOORS: readonly number[] = [0, 100, 250, 500, 1000, 2000, 3500, 5500, 8000, 11_000];

export function levelOf(points: number): { level: number; floor: number; next: number | null } {
  let level = 1;
  for (let i = 0; i < LEVEL_FLOORS.length; i++) if (points >= (LEVEL_FLOORS[i] ?? Infinity)) level = i + 1;
  return { level, floor: LEVEL_FLOORS[level - 1] ?? 0, next: LEVEL_FLOORS[level] ?? null };
}

export type BadgeId = 'first_goal_met' | 'streak_7' | 'streak_30' | 'days_met_100';

export const BADGES: Readonly<Record<BadgeId, string>> = {
  first_goal_met: 'A first goal met',
  streak_7: 'A week in a row',
  streak_30: 'A month in a row',
  days_met_100: 'A hundred days met',
};

/** The badges earned by a person's goals: the best streak of any goal, and days met over all. */
export function badgesOf(bestStreak: number, daysMet: number): BadgeId[] {
  const badges: BadgeId[] = [];
  if (daysMet >= 1) badges.push('first_goal_met');
  if (bestStreak >= 7) badges.push('streak_7');
  if (bestStreak >= 30) badges.push('streak_30');
  if (daysMet >= 100) badges.push('days_met_100');
  return badges;
}
