/**
 * Raises an illness flag only when anomalous hours persist within a day, never for a single spike,
 * and then stays quiet for a while so that one episode gives one flag.
 */
import { HOUR_MS } from './resting-hr.js';

export interface PersistenceRule {
  /** Anomalous hours needed within the look-back for a flag. */
  readonly minAnomalousHours: number;
  readonly withinHours: number;
  /** After a flag, no new flag for this many hours. */
  readonly quietHours: number;
}

export const DEFAULT_PERSISTENCE: PersistenceRule = { minAnomalousHours: 6, withinHours: 24, quietHours: 96 };

export interface ScoredHour {
  readonly ts: number;
  readonly score: number;
}

/** Timestamps of the hours at which a flag is raised; `scores` must be in time order. */
export function persistentFlags(scores: readonly ScoredHour[], threshold: number, rule: PersistenceRule = DEFAULT_PERSISTENCE): number[] {
  const flags: number[] = [];
  const recent: number[] = [];
  let lastFlag = -Infinity;
  for (const hour of scores) {
    if (hour.score > threshold) recent.push(hour.ts);
    while (recent.length > 0 && (recent[0] ?? Infinity) <= hour.ts - rule.withinHours * HOUR_MS) recent.shift();
    if (recent.length >= rule.minAnomalousHours && hour.ts - lastFlag >= rule.quietHours * HOUR_MS) {
      flags.push(hour.ts);
      lastFlag = hour.ts;
    }
  }
  return flags;
}
