/**
 * A person's resting-heart-rate baseline that adapts: the median and spread of their hourly resting
 * HR over the previous four weeks, leaving out the last day so that an illness that has just begun
 * does not become its own baseline.
 */
import { HOUR_MS, type HourlyRestingHr } from './resting-hr.js';
import { median, scaledMad } from './stats.js';

export const BASELINE_DAYS = 28;
export const BASELINE_GAP_HOURS = 24;
/** Hours of history needed before a baseline is trusted (about three days of resting hours). */
export const MIN_BASELINE_HOURS = 48;
/** The spread is never taken below this (bpm), so that a very steady week does not amplify noise. */
export const MIN_SPREAD_BPM = 1.5;

export interface BaselinedHour extends HourlyRestingHr {
  readonly baselineBpm: number;
  readonly spreadBpm: number;
  /** (bpm − baseline) / spread. */
  readonly z: number;
}

export function baselineHours(hours: readonly HourlyRestingHr[], fromTs = -Infinity): BaselinedHour[] {
  const out: BaselinedHour[] = [];
  let start = 0;
  let end = 0;
  for (const hour of hours) {
    if (hour.ts < fromTs) continue;
    const windowStart = hour.ts - BASELINE_DAYS * 24 * HOUR_MS;
    const windowEnd = hour.ts - BASELINE_GAP_HOURS * HOUR_MS;
    while (start < hours.length && (hours[start]?.ts ?? Infinity) < windowStart) start++;
    while (end < hours.length && (hours[end]?.ts ?? Infinity) < windowEnd) end++;
    if (end - start < MIN_BASELINE_HOURS) continue;
    const history = hours.slice(start, end).map((h) => h.bpm);
    const baselineBpm = median(history);
    const spreadBpm = Math.max(MIN_SPREAD_BPM, scaledMad(history));
    out.push({ ...hour, baselineBpm, spreadBpm, z: (hour.bpm - baselineBpm) / spreadBpm });
  }
  return out;
}
