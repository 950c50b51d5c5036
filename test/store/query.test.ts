import t from 'tap';
import fc from 'fast-check';
import type { Reading } from '../../core/reading.js';
import { StoreQuery } from '../../hub/store/query.js';
import { fill, reading, storeDatabase } from './helpers/temp-store.js';
import { assertProperty } from '../helpers/property-seed.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

function* everyMinute(days: number, fields: Partial<Reading> = {}): Generator<Reading> {
  for (let i = 0; i < days * 1440; i++) yield reading({ ts: T0 + i * 60_000, value: 50 + (i % 37), ...fields });
}

t.test('sparse readings come back as themselves, with their exact times', async (t) => {
  const { db, path } = storeDatabase(t);
  const weights = Array.from({ length: 365 }, (_, d) => reading({ metric: 'body_weight', unit: 'kg', ts: T0 + d * DAY + 7 * 3_600_000, value: 80 - d / 100 }));
  fill(db, weights);
  const chart = new StoreQuery(db, path).querySeries({ metric: 'body_weight', personId: 'alice', from: T0, to: T0 + 365 * DAY, maxPoints: 1000 });
  t.equal(chart.resolution, 'raw');
  t.equal(chart.bucketMs, null);
  t.same(chart.points.map((p) => [p.ts, p.value]), weights.map((w) => [w.ts, w.value]));
});

t.test('years of readings are answered from daily rollups', async (t) => {
  const { db, path } = storeDatabase(t);
  fill(db, Array.from({ length: 3 * 365 }, (_, d) => reading({ metric: 'body_weight', unit: 'kg', ts: T0 + d * DAY + 7 * 3_600_000, value: 80 + (d % 5) })));
  const chart = new StoreQuery(db, path).querySeries({ metric: 'body_weight', personId: 'alice', from: T0, to: T0 + 3 * 365 * DAY, maxPoints: 100 });
  t.equal(chart.resolution, 86400);
  t.ok(chart.points.length <= 100 && chart.points.length >= 90, `${chart.points.length} points`);
  t.equal(chart.points.reduce((n, p) => n + p.count, 0), 3 * 365);
});

t.test('dense data is answered from the rollup that matches the range, within maxPoints', async (t) => {
  const { db, path } = storeDatabase(t);
  fill(db, everyMinute(60));
  const query = new StoreQuery(db, path);
  const cases = [
    { days: 60, maxPoints: 1000, resolution: 3600 },
    { days: 60, maxPoints: 40, resolution: 3600 },
    { days: 2, maxPoints: 1000, resolution: 60 },
    { days: 0.25, maxPoints: 200, resolution: 60 },
  ] as const;
  for (const c of cases) {
    const chart = query.querySeries({ metric: 'heart_rate', personId: 'alice', from: T0, to: T0 + c.days * DAY, maxPoints: c.maxPoints });
    t.equal(chart.resolution, c.resolution, `${c.days} days at ${c.maxPoints} points`);
    t.ok(chart.points.length <= c.maxPoints, `${chart.points.length} points`);
    t.ok(chart.points.length > c.maxPoints / 4, 'the chart is not needlessly coarse');
    t.equal(chart.points.reduce((n, p) => n + p.count, 0), c.days * 1440, 'every reading counted once');
  }
});

t.test('a short range of dense readings is grouped from the raw samples', async (t) => {
  const { db, path } = storeDatabase(t);
  fill(db, Array.from({ length: 3600 }, (_, i) => reading({ ts: T0 + i * 1000, value: 60 + (i % 10) })));
  const chart = new StoreQuery(db, path).querySeries({ metric: 'heart_rate', personId: 'alice', from: T0, to: T0 + 3_600_000, maxPoints: 100 });
  t.equal(chart.resolution, 'raw');
  t.ok(chart.bucketMs !== null && chart.bucketMs < 60_000, 'finer than the minute rollups');
  t.ok(chart.points.length <= 100 && chart.points.length >= 90, `${chart.points.length} points`);
  t.equal(chart.points.reduce((n, p) => n + p.count, 0), 3600);
  t.same([chart.points[0]?.min, chart.points[0]?.max], [60, 69]);
});

t.test('any range and any maxPoints: never more points than asked, every reading in the range counted once', async (t) => {
  const { db, path } = storeDatabase(t);
  const readings = [...everyMinute(20)];
  fill(db, readings);
  const query = new StoreQuery(db, path);
  assertProperty(
    t,
    fc.property(fc.integer({ min: -DAY, max: 21 * DAY }), fc.integer({ min: 1, max: 21 * DAY }), fc.integer({ min: 1, max: 3000 }), (offset, length, maxPoints) => {
      const from = T0 + offset;
      const to = from + length;
      const chart = query.querySeries({ metric: 'heart_rate', personId: 'alice', from, to, maxPoints });
      if (chart.points.length > maxPoints) return false;
      // Rollup buckets are read whole: the edges include the rest of the buckets they cut.
      const bucketMs = chart.resolution === 'raw' ? 1 : chart.resolution * 1000;
      const start = Math.floor(from / bucketMs) * bucketMs;
      const end = Math.ceil(to / bucketMs) * bucketMs;
      const expected = readings.filter((r) => r.ts >= start && r.ts < end);
      const counted = chart.points.reduce((n, p) => n + p.count, 0);
      const ordered = chart.points.every((p, i) => i === 0 || p.ts > (chart.points[i - 1]?.ts ?? Infinity));
      const consistent = chart.points.every((p) => p.min <= p.value + 1e-9 && p.value <= p.max + 1e-9);
      return counted === expected.length && ordered && consistent;
    }),
    { numRuns: 300 },
  );
});

t.test('gaps stay gaps: no zero-filled buckets where nothing was measured', async (t) => {
  const { db, path } = storeDatabase(t);
  fill(db, [...everyMinute(1), ...[...everyMinute(1)].map((r) => ({ ...r, ts: r.ts + 2 * DAY }))]);
  const chart = new StoreQuery(db, path).querySeries({ metric: 'heart_rate', personId: 'alice', from: T0, to: T0 + 3 * DAY, maxPoints: 73 });
  t.equal(chart.resolution, 60);
  t.equal(chart.bucketMs, 3_600_000);
  t.equal(chart.points.length, 48);
  t.notOk(chart.points.some((p) => p.ts >= T0 + DAY && p.ts < T0 + 2 * DAY), 'nothing on the day without data');
  t.ok(chart.points.every((p) => p.count > 0 && p.value >= 50));
});

t.test("a person's chart merges all their devices; a device filter separates them", async (t) => {
  const { db, path } = storeDatabase(t);
  fill(db, [
    reading({ ts: T0, value: 60, deviceId: 'watch' }),
    reading({ ts: T0 + 60_000, value: 80, deviceId: 'strap' }),
    reading({ ts: T0 + 30_000, value: 70, deviceId: 'strap', personId: 'bob' }),
  ]);
  const query = new StoreQuery(db, path);
  const alice = query.querySeries({ metric: 'heart_rate', personId: 'alice', from: T0, to: T0 + DAY, maxPoints: 10 });
  t.same(alice.points.map((p) => p.value), [60, 80]);
  const merged = query.querySeries({ metric: 'heart_rate', personId: 'alice', from: T0, to: T0 + DAY, maxPoints: 1 });
  t.match(merged.points, [{ count: 2, value: 70, min: 60, max: 80 }]);
  const strap = query.querySeries({ metric: 'heart_rate', deviceId: 'strap', from: T0, to: T0 + DAY, maxPoints: 10 });
  t.same(strap.points.map((p) => p.value), [70, 80], 'everyone who wore the strap');
  t.same(query.seriesList().map((s) => [s.deviceId, s.personId]).sort(), [['strap', 'alice'], ['strap', 'bob'], ['watch', 'alice']]);
});

t.test('maxPoints must be a positive whole number', async (t) => {
  const { db, path } = storeDatabase(t);
  const query = new StoreQuery(db, path);
  t.throws(() => query.querySeries({ metric: 'heart_rate', from: T0, to: T0 + DAY, maxPoints: 0 }), RangeError);
});
