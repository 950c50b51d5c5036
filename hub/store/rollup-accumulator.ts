import type { Db } from './database.js';
import { ROLLUP_RESOLUTIONS } from './types.js';

interface Aggregate {
  seriesId: number;
  resolution: number;
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  sumsq: number;
}

/**
 * Sums one flush's new readings per (series, resolution, bucket) in memory, so a flush of a
 * minute of 1 Hz data upserts three rollup rows instead of 180.
 */
export class RollupAccumulator {
  private readonly aggregates = new Map<string, Aggregate>();
  /** The bucket each (series, resolution) touched last: readings arrive mostly in time order. */
  private readonly recent = new Map<number, (Aggregate | undefined)[]>();
  private readonly upsert;

  constructor(db: Db) {
    this.upsert = db.prepare<[number, number, number, number, number, number, number, number]>(`
      INSERT INTO rollup (series_id, resolution, bucket, count, sum, min, max, sumsq)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (series_id, resolution, bucket) DO UPDATE SET
        count = count + excluded.count,
        sum = sum + excluded.sum,
        min = min(min, excluded.min),
        max = max(max, excluded.max),
        sumsq = sumsq + excluded.sumsq`);
  }

  add(seriesId: number, ts: number, value: number): void {
    let recent = this.recent.get(seriesId);
    if (recent === undefined) {
      recent = [];
      this.recent.set(seriesId, recent);
    }
    for (let r = 0; r < ROLLUP_RESOLUTIONS.length; r++) {
      const resolution = ROLLUP_RESOLUTIONS[r] ?? 60;
      const width = resolution * 1000;
      const bucket = Math.floor(ts / width) * width;
      let aggregate = recent[r];
      if (aggregate?.bucket !== bucket) {
        const key = `${seriesId}:${resolution}:${bucket}`;
        aggregate = this.aggregates.get(key);
        if (aggregate === undefined) this.aggregates.set(key, (aggregate = { seriesId, resolution, bucket, count: 0, sum: 0, min: value, max: value, sumsq: 0 }));
        recent[r] = aggregate;
      }
      aggregate.count += 1;
      aggregate.sum += value;
      aggregate.sumsq += value * value;
      if (value < aggregate.min) aggregate.min = value;
      if (value > aggregate.max) aggregate.max = value;
    }
  }

  /** Writes the sums into the rollup table. Call inside the writer's transaction. */
  writeAll(): void {
    for (const a of this.aggregates.values()) {
      this.upsert.run(a.seriesId, a.resolution, a.bucket, a.count, a.sum, a.min, a.max, a.sumsq);
    }
    this.discard();
  }

  discard(): void {
    this.aggregates.clear();
    this.recent.clear();
  }
}
