/**
 * Resting heart rate as Mishra et al. (2020) define it: heart rate in minutes whose previous 12
 * minutes have no steps, averaged per hour.
 */
import type { HeartRateSample, StepSample } from './wearable-replay.js';

const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** Minutes without steps that must precede a minute for its heart rate to count as resting. */
export const STILL_MINUTES = 12;
/** Fewer resting minutes than this in an hour and the hour has no resting heart rate. */
export const MIN_RESTING_MINUTES_PER_HOUR = 5;

export interface HourlyRestingHr {
  /** Start of the hour, ms since the epoch. */
  readonly ts: number;
  readonly bpm: number;
  readonly restingMinutes: number;
}

/** Mean heart rate per minute, keyed by minute number since the epoch. */
export function minuteHeartRate(hr: readonly HeartRateSample[]): Map<number, number> {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const s of hr) {
    if (!Number.isFinite(s.bpm) || s.bpm <= 0) continue;
    const minute = Math.floor(s.ts / MINUTE_MS);
    const acc = sums.get(minute);
    if (acc === undefined) sums.set(minute, { sum: s.bpm, n: 1 });
    else {
      acc.sum += s.bpm;
      acc.n += 1;
    }
  }
  return new Map([...sums].map(([minute, acc]) => [minute, acc.sum / acc.n]));
}

/** Steps per minute, keyed by minute number; a minute the watch did not report is absent. */
export function minuteSteps(steps: readonly StepSample[]): Map<number, number> {
  const perMinute = new Map<number, number>();
  for (const s of steps) {
    const minute = Math.floor(s.ts / MINUTE_MS);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + s.steps);
  }
  return perMinute;
}

/**
 * Hourly resting heart rate from per-minute heart rate and steps. A minute the watch reported no
 * steps for is not known to be still, so it breaks the 12 still minutes as a step would.
 */
export function hourlyRestingHrFromMinutes(minuteHr: ReadonlyMap<number, number>, stepsPerMinute: ReadonlyMap<number, number>): HourlyRestingHr[] {
  const hours = new Map<number, { sum: number; n: number }>();
  for (const [minute, bpm] of minuteHr) {
    let still = true;
    for (let k = 1; k <= STILL_MINUTES && still; k++) still = stepsPerMinute.get(minute - k) === 0;
    if (!still) continue;
    const hour = Math.floor((minute * MINUTE_MS) / HOUR_MS);
    const acc = hours.get(hour);
    if (acc === undefined) hours.set(hour, { sum: bpm, n: 1 });
    else {
      acc.sum += bpm;
      acc.n += 1;
    }
  }
  return [...hours]
    .filter(([, acc]) => acc.n >= MIN_RESTING_MINUTES_PER_HOUR)
    .sort(([a], [b]) => a - b)
    .map(([hour, acc]) => ({ ts: hour * HOUR_MS, bpm: acc.sum / acc.n, restingMinutes: acc.n }));
}

/** Hourly resting heart rate from raw heart-rate samples and per-minute steps. */
export function hourlyRestingHr(hr: readonly HeartRateSample[], steps: readonly StepSample[]): HourlyRestingHr[] {
  return hourlyRestingHrFromMinutes(minuteHeartRate(hr), minuteSteps(steps));
}
