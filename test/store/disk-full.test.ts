import t from 'tap';
import type { Db } from '../../hub/store/database.js';
import { StoreWriteError } from '../../hub/store/errors.js';
import { ReadingWriter } from '../../hub/store/reading-writer.js';
import { ManualScheduler } from '../../core/scheduler.js';
import { countRows, reading, storeDatabase } from './helpers/temp-store.js';

const T0 = Date.UTC(2025, 2, 1);

/**
 * Caps the file at its current size, so the next transaction that needs a new page fails with
 * SQLITE_FULL (a fresh file's pages hold a couple of hundred readings before that).
 */
function fillDisk(db: Db): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
}

function freeDisk(db: Db): void {
  db.pragma('max_page_count = 1073741823');
}

t.test('a full disk loses nothing that was queued: the flush is retried until it succeeds', async (t) => {
  const { db } = storeDatabase(t);
  const scheduler = new ManualScheduler();
  const errors: unknown[] = [];
  const writer = new ReadingWriter(db, { scheduler, flushIntervalMs: 1000, onError: (error) => errors.push(error) });
  fillDisk(db);
  // Series the failed flushes create must not stay cached: they roll back with the transaction.
  for (let i = 0; i < 2000; i++) writer.write(reading({ ts: T0 + i * 1000, value: 50 + (i % 50), deviceId: `strap-${i % 3}` }));
  const acked = writer.flushed();
  scheduler.advance(1000);
  scheduler.advance(1000);
  t.equal(errors.length, 2, 'each failed attempt is reported');
  t.match((errors[0] as { code?: string }).code, 'SQLITE_FULL');
  t.match(writer.stats(), { queued: 2000, written: 0, failedFlushes: 2, dropped: 0, lastError: /SQLITE_FULL/ });
  t.equal(countRows(db, 'sample'), 0);
  t.equal(countRows(db, 'series'), 0, 'the failed transaction left nothing behind');

  freeDisk(db);
  scheduler.advance(1000);
  await acked;
  t.equal(countRows(db, 'sample'), 2000, 'every queued reading is stored once space is back');
  t.equal(countRows(db, 'series'), 3);
  t.match(writer.stats(), { queued: 0, written: 2000, dropped: 0, lastError: null, failedFlushes: 2 });
  const total = db.prepare<[], { n: number }>('SELECT sum(count) AS n FROM rollup WHERE resolution = 86400').get()?.n;
  t.equal(total, 2000, 'rollups count each reading exactly once despite the failed attempts');
});

t.test('while the disk stays full the queue is capped by dropping the oldest readings, and waiting acks fail', async (t) => {
  const { db } = storeDatabase(t);
  const scheduler = new ManualScheduler();
  const writer = new ReadingWriter(db, { scheduler, flushIntervalMs: 1000, maxBatch: 1000, maxQueued: 1000 });
  fillDisk(db);
  for (let i = 0; i < 800; i++) writer.write(reading({ ts: T0 + i * 1000, value: 60 }));
  scheduler.advance(1000);
  t.match(writer.stats(), { failedFlushes: 1, queued: 800 });
  const acked = writer.flushed();
  for (let i = 800; i < 1200; i++) writer.write(reading({ ts: T0 + i * 1000, value: 60 }));
  await t.rejects(acked, StoreWriteError, 'an ack for readings that were dropped is refused');
  t.match(writer.stats(), { queued: 1000, dropped: 200 });

  freeDisk(db);
  scheduler.advance(1000);
  t.equal(writer.stats().queued, 0);
  const kept = db.prepare<[], { first: number; n: number }>('SELECT min(ts) AS first, count(*) AS n FROM sample').get();
  t.same(kept, { first: T0 + 200 * 1000, n: 1000 }, 'the newest 1000 readings are kept, the oldest 200 dropped');
});

t.test('closing while the disk is full gives up the queue, counts it and fails pending acks', async (t) => {
  const { db } = storeDatabase(t);
  const writer = new ReadingWriter(db, { scheduler: new ManualScheduler() });
  fillDisk(db);
  for (let i = 0; i < 1000; i++) writer.write(reading({ ts: T0 + i * 1000, value: 60 }));
  const acked = writer.flushed();
  writer.close();
  await t.rejects(acked, StoreWriteError);
  t.match(writer.stats(), { queued: 0, dropped: 1000, written: 0 });
});
