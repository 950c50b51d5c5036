import type { Db } from './database.js';
import { RollupCorrection } from './rollup-correction.js';
import type { SeriesEntry } from './series-registry.js';

/**
 * Deletes single raw readings of a series (an entry a person took back) and corrects every rollup
 * bucket they were counted in, so that charts, day totals and exports stop counting them.
 */
export class ReadingRemoval {
  private readonly valueAt;
  private readonly deleteSample;

  constructor(private readonly db: Db) {
    this.valueAt = db.prepare<[number, number], number>('SELECT value FROM sample WHERE series_id = ? AND ts = ?').pluck();
    this.deleteSample = db.prepare<[number, number]>('DELETE FROM sample WHERE series_id = ? AND ts = ?');
  }

  /** Deletes the series' readings at `times`; returns how many there were. Call inside a transaction. */
  remove(series: SeriesEntry, times: readonly number[]): number {
    const rollups = new RollupCorrection(this.db, series.id);
    let removed = 0;
    for (const ts of new Set(times)) {
      const value = this.valueAt.get(series.id, ts);
      if (value === undefined) continue;
      this.deleteSample.run(series.id, ts);
      rollups.remove(ts, value);
      removed++;
    }
    if (removed > 0) rollups.apply(series.purgedBefore);
    return removed;
  }
}
