import t from 'tap';
import fc from 'fast-check';
import { ManualScheduler } from '../../core/scheduler.js';
import { ReadingWriter } from '../../hub/store/reading-writer.js';
import { assertProperty } from '../helpers/property-seed.js';
import { reading, storeDatabase } from './helpers/temp-store.js';

const T0 = Date.UTC(2026, 10, 1);

interface RollupRow {
  resolution: number;
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

const ROLLUPS = 'SELECT resolution, bucket, count, sum, min, max FROM rollup ORDER BY resolution, bucket';

function rollupsOf(values: ReadonlyMap<number, number>): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const [ts, value] of values) {
    for (const resolution of [60, 3600, 86400]) {
      const bucket = Math.floor(ts / (resolution * 1000)) * resolution * 1000;
      const key = `${resolution}/${bucket}`;
      const row = rows.get(key) ?? { resolution, bucket, count: 0, sum: 0, min: Infinity, max: -Infinity };
      row.count++;
      row.sum += value;
      row.min = Math.min(row.min, value);
      row.max = Math.max(row.max, value);
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.resolution - b.resolution || a.bucket - b.bucket);
}

t.test('property: readings taken back leave the rollups a recount of the readings left would give', async (t) => {
  assertProperty(
    t,
    fc.property(
      fc.uniqueArray(fc.record({ s: fc.integer({ min: 0, max: 2 * 86_400 }), value: fc.integer({ min: 0, max: 3000 }) }), { selector: (d) => d.s, minLength: 1, maxLength: 120 }),
      fc.array(fc.nat(), { maxLength: 40 }),
      (drafts, picks) => {
        const { db } = storeDatabase(t);
        try {
          const writer = new ReadingWriter(db, { scheduler: new ManualScheduler() });
          const values = new Map(drafts.map((d) => [T0 + d.s * 1000, d.value]));
          for (const [ts, value] of values) writer.write(reading({ metric: 'energy_intake', unit: 'kcal', deviceId: 'hub:journal:alice', ts, value }));
          const times = [...values.keys()];
          const gone = picks.map((p) => times[p % times.length] ?? T0);
          // Some still queued when taken back: the writer commits them first.
          const removed = writer.removeReadings({ deviceId: 'hub:journal:alice', metric: 'energy_intake', personId: 'alice' }, gone);
          for (const ts of gone) values.delete(ts);
          t.equal(removed, new Set(gone).size);
          t.same(db.prepare<[], RollupRow>(ROLLUPS).all(), rollupsOf(values));
          writer.close();
          return true;
        } finally {
          db.close();
        }
      },
    ),
    { numRuns: 60 },
  );
});

t.test('a reading of a day whose raw readings retention removed in part: its count and sum still leave the day', async (t) => {
  const { db } = storeDatabase(t);
  t.teardown(() => db.close());
  const writer = new ReadingWriter(db, { scheduler: new ManualScheduler() });
  const key = { deviceId: 'hub:journal:alice', metric: 'energy_intake', personId: 'alice' } as const;
  for (const [h, value] of [[8, 400], [13, 700], [19, 900]] as const) writer.write(reading({ ...key, unit: 'kcal', ts: T0 + h * 3_600_000, value }));
  writer.flush();
  // Retention took the morning's raw reading; the day's rollup still counts it.
  db.prepare('DELETE FROM sample WHERE ts < ?').run(T0 + 12 * 3_600_000);
  db.prepare('UPDATE series SET purged_before = ?').run(T0 + 12 * 3_600_000);
  writer.notePurged(1, T0 + 12 * 3_600_000);

  t.equal(writer.removeReadings(key, [T0 + 19 * 3_600_000]), 1);
  const day = db.prepare<[], RollupRow>(`${ROLLUPS.replace('ORDER BY', 'WHERE resolution = 86400 ORDER BY')}`).get();
  t.match(day, { count: 2, sum: 1100 }, 'the evening’s 900 kcal left the day, the purged morning stays counted');
  const hours = db.prepare<[], RollupRow>(`${ROLLUPS.replace('ORDER BY', 'WHERE resolution = 3600 ORDER BY')}`).all();
  t.same(hours.map((h) => [h.bucket, h.sum]), [[T0 + 8 * 3_600_000, 400], [T0 + 13 * 3_600_000, 700]], 'its hour is gone, the others stay');
  t.equal(writer.removeReadings(key, [T0 + 19 * 3_600_000]), 0, 'taken back twice: nothing more');
  t.equal(writer.removeReadings({ ...key, metric: 'water_intake' }, [T0]), 0, 'a series that never was: nothing');
  writer.close();
});
