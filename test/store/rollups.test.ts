import t from 'tap';
import fc from 'fast-check';
import type { Reading } from '../../core/reading.js';
import { ReadingWriter } from '../../hub/store/reading-writer.js';
import { ManualScheduler } from '../../core/scheduler.js';
import { reading, storeDatabase } from './helpers/temp-store.js';
import { assertProperty } from '../helpers/property-seed.js';

const T0 = Date.UTC(2025, 0, 1);

interface RollupRow {
  device_id: string;
  resolution: number;
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  sumsq: number;
}

/** The rollups recomputed from scratch: first reading wins per (device, ts), as with a re-send. */
function naiveRollups(readings: readonly Reading[]): RollupRow[] {
  const kept = new Map<string, Reading>();
  for (const r of readings) if (!kept.has(`${r.deviceId}@${r.ts}`)) kept.set(`${r.deviceId}@${r.ts}`, r);
  const rows = new Map<string, RollupRow>();
  for (const r of kept.values()) {
    for (const resolution of [60, 3600, 86400]) {
      const bucket = Math.floor(r.ts / (resolution * 1000)) * resolution * 1000;
      const key = `${r.deviceId}/${resolution}/${bucket}`;
      const row = rows.get(key) ?? { device_id: r.deviceId, resolution, bucket, count: 0, sum: 0, min: Infinity, max: -Infinity, sumsq: 0 };
      row.count++;
      row.sum += r.value;
      row.sumsq += r.value * r.value;
      row.min = Math.min(row.min, r.value);
      row.max = Math.max(row.max, r.value);
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.device_id.localeCompare(b.device_id) || a.resolution - b.resolution || a.bucket - b.bucket);
}

const readingArbitrary = fc.record({
  device: fc.constantFrom('a', 'b'),
  // Within three days, with collisions likely, so that re-sends and bucket edges both occur.
  ts: fc.integer({ min: 0, max: 3 * 86_400 }).map((s) => T0 + s * 1000),
  value: fc.integer({ min: 30, max: 200 }),
});

t.test('rollups kept up to date flush by flush equal a recomputation from the stored readings', async (t) => {
  assertProperty(
    t,
    fc.property(fc.array(readingArbitrary, { maxLength: 400 }), fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 10 }), (drafts, flushSizes) => {
      const { db } = storeDatabase(t);
      try {
        const scheduler = new ManualScheduler();
        const writer = new ReadingWriter(db, { scheduler });
        const readings = drafts.map((d) => reading({ deviceId: d.device, ts: d.ts, value: d.value }));
        let next = 0;
        for (let f = 0; next < readings.length; f++) {
          const size = flushSizes[f % flushSizes.length] ?? 1;
          for (const r of readings.slice(next, next + size)) writer.write(r);
          next += size;
          scheduler.advance(1000);
        }
        const stored = db
          .prepare<[], RollupRow>(
            'SELECT s.device_id, r.resolution, r.bucket, r.count, r.sum, r.min, r.max, r.sumsq FROM rollup r JOIN series s ON s.id = r.series_id ORDER BY s.device_id, r.resolution, r.bucket',
          )
          .all();
        t.same(stored, naiveRollups(readings));
        return true;
      } finally {
        db.close();
      }
    }),
    { numRuns: 40 },
  );
});
