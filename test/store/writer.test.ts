import t from 'tap';
import { ReadingWriter } from '../../hub/store/reading-writer.js';
import { StoreQuery } from '../../hub/store/query.js';
import type { FlushInfo } from '../../hub/store/types.js';
import { ManualScheduler } from '../../core/scheduler.js';
import { countRows, reading, storeDatabase } from './helpers/temp-store.js';

const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);

t.test('readings wait in memory and commit together when the flush interval passes', async (t) => {
  const { db } = storeDatabase(t);
  const scheduler = new ManualScheduler();
  const flushes: FlushInfo[] = [];
  const writer = new ReadingWriter(db, { scheduler, flushIntervalMs: 1000, onFlush: (info) => flushes.push(info) });
  for (let i = 0; i < 50; i++) writer.write(reading({ ts: T0 + i * 10, value: 60 + i }));
  t.equal(countRows(db, 'sample'), 0, 'nothing on disk before the interval');
  scheduler.advance(999);
  t.equal(countRows(db, 'sample'), 0);
  scheduler.advance(1);
  t.equal(countRows(db, 'sample'), 50);
  t.equal(flushes.length, 1, 'one transaction for the whole batch');
  t.match(flushes[0], { batchSize: 50, written: 50, duplicates: 0, queued: 0 });
  t.match(writer.stats(), { queued: 0, written: 50, flushes: 1, lastBatchSize: 50 });
});

t.test('a full batch flushes without waiting for the interval', async (t) => {
  const { db } = storeDatabase(t);
  const scheduler = new ManualScheduler();
  const writer = new ReadingWriter(db, { scheduler, flushIntervalMs: 1000, maxBatch: 100 });
  for (let i = 0; i < 250; i++) writer.write(reading({ ts: T0 + i, value: 70 }));
  scheduler.advance(0);
  t.equal(countRows(db, 'sample'), 200, 'two full batches written at once');
  t.equal(writer.stats().flushes, 2, 'one transaction per batch');
  scheduler.advance(1000);
  t.equal(countRows(db, 'sample'), 250, 'the remainder follows on the interval');
});

t.test('a device re-sending its history creates no duplicates and does not inflate rollups', async (t) => {
  const { db, path } = storeDatabase(t);
  const scheduler = new ManualScheduler();
  const writer = new ReadingWriter(db, { scheduler });
  const history = Array.from({ length: 30 }, (_, i) => reading({ ts: T0 + i * 1000, value: 60 + (i % 7) }));
  for (const r of history) writer.write(r);
  scheduler.advance(1000);
  for (const r of history) writer.write(r);
  scheduler.advance(1000);
  t.equal(countRows(db, 'sample'), 30);
  t.match(writer.stats(), { written: 30, duplicates: 30 });
  const chart = new StoreQuery(db, path).querySeries({ metric: 'heart_rate', personId: 'alice', from: T0, to: T0 + 3_600_000, maxPoints: 1 });
  t.equal(chart.points[0]?.count, 30, 'rollups count each reading once');
});

t.test('hub-stamped readings arriving in the same millisecond are all kept', async (t) => {
  const { db, path } = storeDatabase(t);
  const scheduler = new ManualScheduler();
  const writer = new ReadingWriter(db, { scheduler });
  for (const value of [97, 98, 99]) writer.write(reading({ metric: 'spo2', unit: '%', ts: T0, value, tsSource: 'hub' }));
  scheduler.advance(1000);
  const rows = db.prepare<[], { ts: number; value: number }>('SELECT ts, value FROM sample ORDER BY ts').all();
  t.same(rows, [
    { ts: T0, value: 97 },
    { ts: T0 + 1, value: 98 },
    { ts: T0 + 2, value: 99 },
  ]);
  t.equal(writer.stats().duplicates, 0);
  const latest = new StoreQuery(db, path).latest('alice');
  t.match(latest, [{ metric: 'spo2', value: 99, tsSource: 'hub', unit: '%' }]);
});

t.test('flags and the timestamp source survive the round trip', async (t) => {
  const { db, path } = storeDatabase(t);
  const writer = new ReadingWriter(db, { scheduler: new ManualScheduler() });
  writer.write(reading({ metric: 'bp_systolic', unit: 'mmHg', ts: T0, value: 131, flags: ['irregular_pulse', 'body_movement'] }));
  writer.write(reading({ metric: 'heart_rate', ts: T0, value: 64, personId: undefined }));
  writer.flush();
  const query = new StoreQuery(db, path);
  t.same(query.latest('alice'), [
    { metric: 'bp_systolic', unit: 'mmHg', value: 131, ts: T0, deviceId: 'strap-1', personId: 'alice', tsSource: 'device', flags: ['body_movement', 'irregular_pulse'] },
  ]);
  t.same(query.latest(''), [{ metric: 'heart_rate', unit: 'bpm', value: 64, ts: T0, deviceId: 'strap-1', tsSource: 'device' }]);
});

t.test('flushed() resolves only once everything queued before it is committed', async (t) => {
  const { db } = storeDatabase(t);
  const scheduler = new ManualScheduler();
  const writer = new ReadingWriter(db, { scheduler });
  await writer.flushed();
  writer.write(reading({ ts: T0, value: 61 }));
  let done = false;
  const acked = writer.flushed().then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(done, false, 'not before the flush');
  scheduler.advance(1000);
  await acked;
  t.equal(done, true);
  t.equal(countRows(db, 'sample'), 1);
});

t.test('readings that cannot be stored are refused and counted, not queued', async (t) => {
  const { db } = storeDatabase(t);
  const writer = new ReadingWriter(db, { scheduler: new ManualScheduler() });
  writer.write(reading({ ts: T0, value: Number.NaN }));
  writer.write(reading({ ts: T0 + 0.5, value: 60 }));
  writer.write(reading({ ts: T0 + 1, value: Number.POSITIVE_INFINITY }));
  writer.write(reading({ ts: T0 + 2, value: 60 }));
  t.match(writer.stats(), { rejected: 3, queued: 1 });
  t.equal(writer.flush(), true);
  t.equal(countRows(db, 'sample'), 1);
});

t.test('writes after close are refused and counted', async (t) => {
  const { db } = storeDatabase(t);
  const writer = new ReadingWriter(db, { scheduler: new ManualScheduler() });
  writer.write(reading({ ts: T0, value: 60 }));
  writer.close();
  t.equal(countRows(db, 'sample'), 1, 'close commits what was queued');
  writer.write(reading({ ts: T0 + 1, value: 60 }));
  t.match(writer.stats(), { rejected: 1, queued: 0, written: 1 });
});
