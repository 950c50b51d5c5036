import type { StoreQuery } from '../store/index.js';

export interface DailyAggregate {
  readonly metric: string;
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Standard deviation of the day's readings. */
  readonly sd: number;
}

const DAY_MS = 86_400_000;

/**
 * A person's day per metric, from the daily rollups (every device of theirs merged). Reads only
 * rollups, never raw samples, so it costs a few index lookups however many readings the day held.
 */
export function dailyAggregates(store: StoreQuery, personId: string, dayStartMs: number, metrics: readonly string[]): DailyAggregate[] {
  const out: DailyAggregate[] = [];
  if (dayStartMs % DAY_MS !== 0) throw new RangeError('a day starts at UTC midnight');
  for (const metric of metrics) {
    const day = store.personDayTotals(personId, metric, dayStartMs);
    if (day === undefined) continue;
    const mean = day.sum / day.count;
    const variance = Math.max(0, day.sumsq / day.count - mean * mean);
    out.push({ metric, count: day.count, mean, min: day.min, max: day.max, sd: Math.sqrt(variance) });
  }
  return out;
}
