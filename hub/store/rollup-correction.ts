import type { Db } from './database.js';
import { ROLLUP_RESOLUTIONS } from './types.js';

interface RollupDelta {
  readonly resolution: number;
  readonly bucket: number;
  count: number;
  sum: number;
  sumsq: number;
  /** Least and greatest value added to the bucket (±Infinity when none was). */
  addedMin: number;
  addedMax: number;
}

/**
 * Changes to a series' rollups for samples dropped, moved or taken back: counts and sums follow,
 * and a bucket whose raw samples are all still there is recounted from them.
 */
export class RollupCorrection {
  private readonly deltas = new Map<string, RollupDelta>();

  constructor(
    private readonly db: Db,
    private readonly seriesId: number,
  ) {}

  add(ts: number, value: number): void {
    this.change(ts, value, 1);
  }

  remove(ts: number, value: number): void {
    this.change(ts, value, -1);
  }

  /**
   * Applies the counts and sums; a bucket raw samples still cover whole (it starts at or after the
   * series' raw horizon) is recomputed from them, which also gets its min and max exact.
   */
  apply(rawFrom: number): void {
    const upsert = this.db.prepare<[number, number, number, number, number, number, number, number]>(
      `INSERT INTO rollup (series_id, resolution, bucket, count, sum, min, max, sumsq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (series_id, resolution, bucket) DO UPDATE SET
         count = count + excluded.count, sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq,
         min = min(min, excluded.min), max = max(max, excluded.max)`,
    );
    const fromRaw = this.db.prepare<[number, number, number], { count: number; sum: number | null; min: number | null; max: number | null; sumsq: number | null }>(
      'SELECT count(*) AS count, sum(value) AS sum, min(value) AS min, max(value) AS max, sum(value * value) AS sumsq FROM sample WHERE series_id = ? AND ts >= ? AND ts < ?',
    );
    const replace = this.db.prepare<[number, number, number, number, number, number, number, number]>(
      'INSERT OR REPLACE INTO rollup (series_id, resolution, bucket, count, sum, min, max, sumsq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const remove = this.db.prepare<[number, number, number]>('DELETE FROM rollup WHERE series_id = ? AND resolution = ? AND bucket = ?');
    for (const d of this.deltas.values()) {
      if (d.bucket >= rawFrom) {
        const raw = fromRaw.get(this.seriesId, d.bucket, d.bucket + d.resolution * 1000);
        if (raw === undefined || raw.count === 0) remove.run(this.seriesId, d.resolution, d.bucket);
        else replace.run(this.seriesId, d.resolution, d.bucket, raw.count, raw.sum ?? 0, raw.min ?? 0, raw.max ?? 0, raw.sumsq ?? 0);
        continue;
      }
      // Without raw samples a bucket's min and max can only widen (a moved sample), never narrow.
      if (d.count !== 0 || d.addedMin <= d.addedMax) upsert.run(this.seriesId, d.resolution, d.bucket, d.count, d.sum, d.addedMin, d.addedMax, d.sumsq);
    }
    this.db.prepare('DELETE FROM rollup WHERE series_id = ? AND count <= 0').run(this.seriesId);
  }

  private change(ts: number, value: number, sign: 1 | -1): void {
    for (const resolution of ROLLUP_RESOLUTIONS) {
      const width = resolution * 1000;
      const bucket = Math.floor(ts / width) * width;
      const key = `${resolution}:${bucket}`;
      const d = this.deltas.get(key) ?? { resolution, bucket, count: 0, sum: 0, sumsq: 0, addedMin: Number.POSITIVE_INFINITY, addedMax: Number.NEGATIVE_INFINITY };
      d.count += sign;
      d.sum += sign * value;
      d.sumsq += sign * value * value;
      if (sign > 0) {
        d.addedMin = Math.min(d.addedMin, value);
        d.addedMax = Math.max(d.addedMax, value);
      }
      this.deltas.set(key, d);
    }
  }
}
