import type { DateTimeFields } from './date-time.js';
import { dateTimeToUtcMs } from './date-time.js';
import { KG_PER_JIN, KG_PER_LB } from '../../../core/units.js';

export type MiScaleUnit = 'kg' | 'lb' | 'jin';

/** Mi scale raw weight to its unit: kg steps of 1/200, lb and jin steps of 1/100 (docs/protocols.md §3.1). */
export function miScaleWeight(raw: number, unit: MiScaleUnit): number {
  return unit === 'kg' ? raw / 200 : raw / 100;
}

export function miScaleWeightKg(weight: number, unit: MiScaleUnit): number {
  return unit === 'kg' ? weight : unit === 'lb' ? weight * KG_PER_LB : weight * KG_PER_JIN;
}

/**
 * Mi scales keep their clock only once the app has set it; an unset clock counts from 1970 or
 * 2000. A year before the scales were sold means the clock was never set: use the hub's time.
 */
const FIRST_PLAUSIBLE_YEAR = 2014;

export function miScaleTimestamp(time: DateTimeFields, utcOffsetMinutes: number | undefined): number | undefined {
  return time.year < FIRST_PLAUSIBLE_YEAR ? undefined : dateTimeToUtcMs(time, utcOffsetMinutes);
}
