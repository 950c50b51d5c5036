import type { Db } from '../store/index.js';

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
export function dailyAggregates(db: Db, personId: string, dayStartMs: number, metrics: readonly string[]): DailyAggregate[] {
  const statement = db.prepare<[string, string, number], { count: number | null; sum: number | null; min: number | null; max: number | null; sumsq: number | null }>(`
    SELECT sum(r.count) AS count, sum(r.sum) AS sum, min(r.min) AS min, max(r.max) AS max, sum(r.sumsq) AS sumsq
    FROM rollup r JOIN series s ON s.id = r.series_id
    WHERE s.person_id = ? AND s.metric = ? AND r.resolution = 86400 AND r.bucket = ?`);
  const out: DailyAggregate[] = [];
  if (dayStartMs % DAY_MS !== 0) throw new RangeError('a day starts at UTC midnight');
  for (const metric of metrics) {
    const row = statement.get(personId, metric, dayStartMs);
    if (row === undefined || row.count === null || row.count === 0 || row.sum === null || row.min === null || row.max === null || row.sumsq === null) continue;
    const mean = row.sum / row.count;
    const variance = Math.max(0, row.sumsq / row.count - mean * mean);
    out.push({ metric, count: row.count, mean, min: row.min, max: row.max, sd: Math.sqrt(variance) });
  }
  return out;
}
