import type { Db } from './database.js';
import type { RollupTotals } from './types.js';

const DAY_MS = 86_400_000;

interface TotalsRow {
  count: number | null;
  sum: number | null;
  min: number | null;
  max: number | null;
  sumsq: number | null;
}

/** Totals from the rollups: a few index lookups however many readings the period held. */
export class RollupTotalsQuery {
  private readonly dayOfPerson;

  constructor(db: Db) {
    this.dayOfPerson = db.prepare<[string, string, number], TotalsRow>(`
      SELECT sum(r.count) AS count, sum(r.sum) AS sum, min(r.min) AS min, max(r.max) AS max, sum(r.sumsq) AS sumsq
      FROM rollup r JOIN series s ON s.id = r.series_id
      WHERE s.person_id = ? AND s.metric = ? AND r.resolution = 86400 AND r.bucket = ?`);
  }

  /** A person's UTC day of one metric, every device of theirs merged; undefined for a day without readings. */
  personDay(personId: string, metric: string, dayStartMs: number): RollupTotals | undefined {
    if (dayStartMs % DAY_MS !== 0) throw new RangeError('a day starts at UTC midnight');
    const row = this.dayOfPerson.get(personId, metric, dayStartMs);
    if (row === undefined || row.count === null || row.count === 0 || row.sum === null || row.min === null || row.max === null || row.sumsq === null) return undefined;
    return { count: row.count, sum: row.sum, min: row.min, max: row.max, sumsq: row.sumsq };
  }
}
