/**
 * What a night changed against the person's usual, and their sleep week by week: pure, from the
 * nights the hub analysed.
 */
import type { SleepSession } from '../../api/types.js';
import { hoursAndMinutes } from './sleep-format.js';

const DAY = 86_400_000;
/** The nights before a night that make the person's usual. */
const USUAL_NIGHTS = 14;
/** Fewer nights before than this, and there is no usual to speak of. */
const MIN_USUAL_NIGHTS = 3;
/** Smaller differences than these are a night like the others. */
const NOTABLE = { asleepMinutes: 45, awakenings: 2, ahi: 5 } as const;

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * What stood out in `night` against the median of the nights before it (up to fourteen), in
 * words: the resting heart rate the score already compared with the person's baseline, and with
 * three nights or more before it, time asleep, awakenings and the breathing estimate. Empty when
 * nothing stood out.
 */
export function nightChanges(night: SleepSession, nights: readonly SleepSession[]): string[] {
  const before = nights.filter((n) => n.kind === 'night' && n.start < night.start).slice(-USUAL_NIGHTS);
  const changes: string[] = [];
  const resting = night.score.parts.find((p) => p.name === 'resting_heart_rate');
  if (resting !== undefined && /above your baseline/.test(resting.detail)) changes.push(resting.detail);
  if (before.length < MIN_USUAL_NIGHTS) return changes;
  const asleep = median(before.map((n) => n.asleepMinutes));
  if (asleep !== undefined && Math.abs(night.asleepMinutes - asleep) >= NOTABLE.asleepMinutes) {
    changes.push(`${hoursAndMinutes(Math.abs(night.asleepMinutes - asleep))} ${night.asleepMinutes < asleep ? 'less' : 'more'} sleep than your usual ${hoursAndMinutes(asleep)}`);
  }
  const awakenings = median(before.map((n) => n.awakenings));
  if (awakenings !== undefined && night.awakenings - awakenings >= NOTABLE.awakenings) {
    changes.push(`${night.awakenings} awakenings, against your usual ${Math.round(awakenings)}`);
  }
  const ahi = night.breathing?.estimatedAhi;
  const usualAhi = median(before.flatMap((n) => (n.breathing?.estimatedAhi === null || n.breathing?.estimatedAhi === undefined ? [] : [n.breathing.estimatedAhi])));
  if (ahi !== undefined && ahi !== null && usualAhi !== undefined && Math.abs(ahi - usualAhi) >= NOTABLE.ahi) {
    changes.push(`about ${Math.round(ahi)} breathing events an hour, against your usual ${Math.round(usualAhi)}`);
  }
  return changes;
}

/** One week of nights, the newest week first. */
export interface SleepWeek {
  /** The week as times (ms): the nights that ended after `from` and at or before `to`. */
  readonly from: number;
  readonly to: number;
  readonly nights: number;
  /** Means over the week's nights; undefined when it had none (or none with the figure). */
  readonly asleepMinutes: number | undefined;
  readonly score: number | undefined;
  readonly awakenings: number | undefined;
  readonly ahi: number | undefined;
  readonly odi4: number | undefined;
}

function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The last `weeks` weeks up to `now`, each the nights that ended in it; a week without nights is kept, with none. */
export function sleepWeeks(nights: readonly SleepSession[], now: number, weeks: number): SleepWeek[] {
  const out: SleepWeek[] = [];
  for (let k = 0; k < weeks; k++) {
    const to = now - 7 * k * DAY;
    const from = to - 7 * DAY;
    const inWeek = nights.filter((n) => n.kind === 'night' && n.end > from && n.end <= to);
    const figure = (pick: (n: SleepSession) => number | null | undefined): number | undefined =>
      mean(inWeek.flatMap((n) => {
        const v = pick(n);
        return v === null || v === undefined ? [] : [v];
      }));
    out.push({
      from,
      to,
      nights: inWeek.length,
      asleepMinutes: figure((n) => n.asleepMinutes),
      score: figure((n) => n.score.score),
      awakenings: figure((n) => n.awakenings),
      ahi: figure((n) => n.breathing?.estimatedAhi),
      odi4: figure((n) => n.oxygen?.odi4),
    });
  }
  return out;
}
