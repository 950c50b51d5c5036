import { join } from 'node:path';
import t from 'tap';
import { openDatabase } from '../../hub/store/database.js';
import { StoreQuery } from '../../hub/store/query.js';
import { holdsStoreTables } from '../../hub/store/store-tables.js';
import { fill, reading, storeDatabase, tempDir } from './helpers/temp-store.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

t.test("a person's readings stream oldest first across their devices, scalar metrics only, in [from, to)", async (t) => {
  const { db, path } = storeDatabase(t);
  fill(db, [
    reading({ ts: T0 + 2000, value: 61, deviceId: 'watch' }),
    reading({ ts: T0 + 1000, value: 70, deviceId: 'strap', flags: ['questionable'] }),
    reading({ ts: T0 + 3000, value: 72, deviceId: 'strap', tsSource: 'hub' }),
    reading({ ts: T0 + 2500, value: 98, metric: 'spo2', unit: '%', deviceId: 'ring' }),
    reading({ ts: T0 + 2000, value: 90, deviceId: 'strap', personId: 'bob' }),
    reading({ ts: T0 + 4000, value: 73, deviceId: 'strap' }),
    reading({ ts: T0, value: 69, deviceId: 'strap' }),
  ]);
  const rows = [...new StoreQuery(db, path).readingsOf({ personId: 'alice', from: T0 + 1000, to: T0 + 4000 })];
  t.same(rows, [
    { metric: 'heart_rate', value: 70, unit: 'bpm', ts: T0 + 1000, deviceId: 'strap', tsSource: 'device', flags: ['questionable'] },
    { metric: 'heart_rate', value: 61, unit: 'bpm', ts: T0 + 2000, deviceId: 'watch', tsSource: 'device', flags: [] },
    { metric: 'spo2', value: 98, unit: '%', ts: T0 + 2500, deviceId: 'ring', tsSource: 'device', flags: [] },
    { metric: 'heart_rate', value: 72, unit: 'bpm', ts: T0 + 3000, deviceId: 'strap', tsSource: 'hub', flags: [] },
  ]);
});

t.test('a long range streams across pages without losing or repeating a reading', async (t) => {
  const { db, path } = storeDatabase(t);
  const n = 5001;
  fill(db, Array.from({ length: n }, (_, i) => reading({ ts: T0 + i * 1000, value: 60 + (i % 30), deviceId: i % 2 === 0 ? 'strap' : 'watch' })));
  const query = new StoreQuery(db, path);
  const stream = query.readingsOf({ personId: 'alice', from: T0, to: T0 + n * 1000 });
  const first = stream.next();
  if (first.done === true) throw new Error('the stream is empty');
  // A second stream beside the first shares the prepared statements without disturbing it.
  t.equal([...query.readingsOf({ personId: 'alice', from: T0, to: T0 + 10_000 })].length, 10);
  const ts = [first.value.ts, ...[...stream].map((r) => r.ts)];
  t.equal(ts.length, n);
  t.ok(ts.every((x, i) => x === T0 + i * 1000), 'every reading once, in order');
});

t.test("a device's stored reading is found at its exact time, whoever it was assigned to", async (t) => {
  const { db, path } = storeDatabase(t);
  fill(db, [reading({ ts: T0, value: 70, deviceId: 'cuff', personId: 'bob' }), reading({ ts: T0 + 60_000, value: 71, deviceId: 'cuff', personId: '' })]);
  const query = new StoreQuery(db, path);
  t.ok(query.hasDeviceReading('cuff', 'heart_rate', T0));
  t.ok(query.hasDeviceReading('cuff', 'heart_rate', T0 + 60_000));
  t.notOk(query.hasDeviceReading('cuff', 'heart_rate', T0 + 1));
  t.notOk(query.hasDeviceReading('cuff', 'spo2', T0));
  t.notOk(query.hasDeviceReading('strap', 'heart_rate', T0));
});

t.test("a device's latest value of a metric is its newest reading across people", async (t) => {
  const { db, path } = storeDatabase(t);
  fill(db, [
    reading({ ts: T0, value: 90, metric: 'battery', unit: '%', deviceId: 'scale', personId: 'alice' }),
    reading({ ts: T0 + DAY, value: 80, metric: 'battery', unit: '%', deviceId: 'scale', personId: 'bob' }),
    reading({ ts: T0 + 2 * DAY, value: 99, metric: 'battery', unit: '%', deviceId: 'strap' }),
  ]);
  const query = new StoreQuery(db, path);
  t.same(query.latestDeviceValue('scale', 'battery'), { value: 80, ts: T0 + DAY });
  t.equal(query.latestDeviceValue('scale', 'heart_rate'), undefined);
  t.equal(query.latestDeviceValue('ring', 'battery'), undefined);
});

t.test("a person's day totals come from the day rollups of all their devices", async (t) => {
  const { db, path } = storeDatabase(t);
  fill(db, [
    reading({ ts: T0 + 1000, value: 60, deviceId: 'watch' }),
    reading({ ts: T0 + 2000, value: 80, deviceId: 'strap' }),
    reading({ ts: T0 + DAY + 5, value: 100, deviceId: 'strap' }),
    reading({ ts: T0 + 3000, value: 200, deviceId: 'strap', personId: 'bob' }),
  ]);
  const query = new StoreQuery(db, path);
  t.same(query.personDayTotals('alice', 'heart_rate', T0), { count: 2, sum: 140, min: 60, max: 80, sumsq: 60 * 60 + 80 * 80 });
  t.same(query.personDayTotals('alice', 'heart_rate', T0 + DAY), { count: 1, sum: 100, min: 100, max: 100, sumsq: 10_000 });
  t.equal(query.personDayTotals('alice', 'heart_rate', T0 + 2 * DAY), undefined, 'a day without readings');
  t.equal(query.personDayTotals('alice', 'spo2', T0), undefined, 'a metric without readings');
  t.throws(() => query.personDayTotals('alice', 'heart_rate', T0 + 1), RangeError);
});

t.test('the census counts readings per metric and knows the oldest and newest', async (t) => {
  const { db, path } = storeDatabase(t);
  const query = new StoreQuery(db, path);
  t.same(query.readingsByMetric(), []);
  t.same(query.readingSpan(), { oldest: null, newest: null });
  fill(db, [
    reading({ ts: T0 + 5, value: 70 }),
    reading({ ts: T0 + 9, value: 71, deviceId: 'watch' }),
    reading({ ts: T0 + 1, value: 97, metric: 'spo2', unit: '%' }),
    reading({ ts: T0 + 7, value: 80.5, metric: 'body_weight', unit: 'kg' }),
  ]);
  t.same(query.readingsByMetric(), [
    { metric: 'body_weight', readings: 1 },
    { metric: 'heart_rate', readings: 2 },
    { metric: 'spo2', readings: 1 },
  ]);
  t.same(query.readingSpan(), { oldest: T0 + 1, newest: T0 + 9 });
  t.match(query.stats(), { series: 4, readings: 4, waveformBlocks: 0, waveformSamples: 0 });
  t.equal(query.summary().series, 4);
});

t.test('a store database is told apart from another SQLite file', async (t) => {
  const { db } = storeDatabase(t);
  t.ok(holdsStoreTables(db));
  const other = openDatabase(join(tempDir(t), 'other.db'), { onCorrupt: 'fail' });
  t.teardown(() => other.close());
  other.exec('CREATE TABLE series (id INTEGER)');
  t.notOk(holdsStoreTables(other), 'one of the two tables is not enough');
});
