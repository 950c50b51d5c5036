/**
 * One hour of resting heart rate from what the store holds for a person: heart rate in minutes whose
 * previous 12 minutes have no steps (resting-hr.ts). A person without a step counter (a chest strap
 * alone) cannot be seen to be still; for them the hour's resting heart rate is the mean of its
 * calmest fifth of minutes, a common stand-in that tracks the same slow changes.
 */
import type { StoreQuery } from '../store/index.js';
import {
  HOUR_MS,
  hourlyRestingHrFromMinutes,
  minuteHeartRate,
  minuteSteps,
  MIN_RESTING_MINUTES_PER_HOUR,
  STILL_MINUTES,
  type HourlyRestingHr,
} from './resting-hr.js';

const MINUTE_MS = 60_000;
/** Enough for one reading a second over the hour and its look-back. */
const MAX_RAW_POINTS = 20_000;
/** Steps seen within this look-back mean the person wears a step counter. */
const STEP_COUNTER_LOOKBACK_MS = 24 * HOUR_MS;
const CALMEST_SHARE = 0.2;

export type RestingMethod = 'still-minutes' | 'calmest-minutes';

export interface StoredRestingHour extends HourlyRestingHr {
  readonly method: RestingMethod;
}

export function restingHrForHour(query: StoreQuery, personId: string, hourStart: number): StoredRestingHour | undefined {
  const hourEnd = hourStart + HOUR_MS;
  const from = hourStart - STILL_MINUTES * MINUTE_MS;
  const hr = query.querySeries({ metric: 'heart_rate', personId, from, to: hourEnd, maxPoints: MAX_RAW_POINTS }).points;
  if (hr.length === 0) return undefined;
  const minuteHr = minuteHeartRate(hr.map((p) => ({ ts: p.ts, bpm: p.value })));
  const steps = query.querySeries({ metric: 'steps', personId, from: hourEnd - STEP_COUNTER_LOOKBACK_MS, to: hourEnd, maxPoints: MAX_RAW_POINTS }).points;
  if (steps.length > 0) {
    const stepsPerMinute = minuteSteps(steps.map((p) => ({ ts: p.ts, steps: p.value * p.count })));
    const hour = hourlyRestingHrFromMinutes(minuteHr, stepsPerMinute).find((h) => h.ts === hourStart);
    return hour === undefined ? undefined : { ...hour, method: 'still-minutes' };
  }
  const first = hourStart / MINUTE_MS;
  const inHour = [...minuteHr].filter(([minute]) => minute >= first && minute < first + 60).map(([, bpm]) => bpm);
  if (inHour.length < MIN_RESTING_MINUTES_PER_HOUR) return undefined;
  const calmest = inHour.sort((a, b) => a - b).slice(0, Math.max(MIN_RESTING_MINUTES_PER_HOUR, Math.round(inHour.length * CALMEST_SHARE)));
  const bpm = calmest.reduce((sum, v) => sum + v, 0) / calmest.length;
  return { ts: hourStart, bpm, restingMinutes: calmest.length, method: 'calmest-minutes' };
}
