/**
 * Adds an illness-like rise of heart rate to a person's real per-minute heart rate: a rise over one
 * day to a peak, a plateau, and a slower return, the shape and size reported for infections in
 * smartwatch studies (resting HR up by several bpm for several days).
 */
import { HOUR_MS } from './resting-hr.js';

export interface Elevation {
  readonly onsetTs: number;
  readonly peakBpm: number;
  readonly riseHours: number;
  readonly plateauHours: number;
  readonly fallHours: number;
}

export function elevationDurationHours(e: Elevation): number {
  return e.riseHours + e.plateauHours + e.fallHours;
}

/** Extra bpm at time `ts` for an elevation. */
export function elevationAt(e: Elevation, ts: number): number {
  const h = (ts - e.onsetTs) / HOUR_MS;
  if (h < 0 || h >= elevationDurationHours(e)) return 0;
  if (h < e.riseHours) return (e.peakBpm * h) / e.riseHours;
  if (h < e.riseHours + e.plateauHours) return e.peakBpm;
  return e.peakBpm * (1 - (h - e.riseHours - e.plateauHours) / e.fallHours);
}

/** A copy of per-minute heart rate (minute number → bpm) with the elevation added. */
export function injectElevation(minuteHr: ReadonlyMap<number, number>, e: Elevation): Map<number, number> {
  const out = new Map(minuteHr);
  const first = Math.floor(e.onsetTs / 60_000);
  const last = first + elevationDurationHours(e) * 60;
  for (const [minute, bpm] of minuteHr) {
    if (minute >= first && minute < last) out.set(minute, bpm + elevationAt(e, minute * 60_000));
  }
  return out;
}
