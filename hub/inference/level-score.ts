/**
 * The illness score of an hour: how far the person's resting heart rate of the last day sits above
 * their own baseline, as the mean z of the resting hours in the 24 h ending at that hour.
 */
import { HOUR_MS } from './resting-hr.js';
import type { BaselinedHour } from './rhr-baseline.js';

export const LEVEL_DAY_HOURS = 24;
/** Fewer resting hours than this in the day and the hour gets no score: too little to speak of a level. */
export const LEVEL_MIN_HOURS = 4;
/** Each hour's z is clipped to this, so that one glitch cannot carry the day. */
export const LEVEL_Z_CLIP = 3;

export interface LevelScoredHour extends BaselinedHour {
  readonly score: number;
  readonly hoursInDay: number;
}

const clip = (z: number): number => Math.max(-LEVEL_Z_CLIP, Math.min(LEVEL_Z_CLIP, z));

/** One score per hour that has enough resting hours in its day; `hours` in time order. */
export function levelScores(hours: readonly BaselinedHour[]): LevelScoredHour[] {
  const out: LevelScoredHour[] = [];
  let start = 0;
  let sum = 0;
  for (let i = 0; i < hours.length; i++) {
    const hour = hours[i];
    if (hour === undefined) continue;
    sum += clip(hour.z);
    while (start < i && (hours[start]?.ts ?? Infinity) <= hour.ts - LEVEL_DAY_HOURS * HOUR_MS) {
      sum -= clip(hours[start]?.z ?? 0);
      start++;
    }
    const count = i - start + 1;
    if (count >= LEVEL_MIN_HOURS) out.push({ ...hour, score: sum / count, hoursInDay: count });
  }
  return out;
}
