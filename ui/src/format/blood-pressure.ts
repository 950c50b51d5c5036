import type { LatestValue } from '../api/types.js';
import { formatValue } from './metric-format.js';

/** Pressures this close in time are one measurement: a cuff sends both of a reading together. */
export const SAME_MEASUREMENT_MS = 2 * 60_000;

/** One blood-pressure measurement as shown: both pressures, or the one that came alone. */
export interface PressureReading {
  readonly systolic?: LatestValue;
  readonly diastolic?: LatestValue;
  readonly ts: number;
}

/**
 * The newest measurement from each pressure's newest value: the two together when they were taken
 * together, else only the newer one (the other belongs to an older measurement and is not paired with it).
 */
export function newestPressure(systolic: LatestValue | undefined, diastolic: LatestValue | undefined): PressureReading | undefined {
  if (systolic !== undefined && diastolic !== undefined) {
    if (Math.abs(systolic.ts - diastolic.ts) <= SAME_MEASUREMENT_MS) return { systolic, diastolic, ts: Math.max(systolic.ts, diastolic.ts) };
    return systolic.ts > diastolic.ts ? { systolic, ts: systolic.ts } : { diastolic, ts: diastolic.ts };
  }
  if (systolic !== undefined) return { systolic, ts: systolic.ts };
  if (diastolic !== undefined) return { diastolic, ts: diastolic.ts };
  return undefined;
}

/** "134/86", or "134/–" when only one pressure came. */
export function formatPressure(reading: PressureReading): string {
  const part = (metric: string, value: LatestValue | undefined): string => (value === undefined ? '–' : formatValue(metric, value.value));
  return `${part('bp_systolic', reading.systolic)}/${part('bp_diastolic', reading.diastolic)}`;
}
