/**
 * A 30-day chart of 1 Hz heart rate (2.6 million readings in a real file) at 1000 points:
 * from the rollups (what querySeries does) against a scan of the raw samples.
 */
import { join } from 'node:path';
import { isMain, medianMs, printTable, withTempDir } from './lib/bench-env.js';
import { BENCH_T0, heartRateAt1Hz, openBenchStore, writeAll } from './lib/store-fixtures.js';

const DAYS = 30;
const MAX_POINTS = 1000;

export interface QueryBenchFigures {
  readings: number;
  rollupMs: number;
  rollupPoints: number;
  rollupResolution: string;
  rawScanMs: number;
  rawScanPoints: number;
  speedup: number;
}

export async function run(): Promise<QueryBenchFigures> {
  return withTempDir(async (dir) => {
    const store = await openBenchStore(join(dir, 'hearth.db'));
    try {
      const readings = writeAll(store, heartRateAt1Hz(DAYS * 86_400));
      const from = BENCH_T0;
      const to = BENCH_T0 + DAYS * 86_400_000;
      let chart = store.query.querySeries({ metric: 'heart_rate', personId: 'alice', from, to, maxPoints: MAX_POINTS });
      const rollupMs = medianMs(21, () => {
        chart = store.query.querySeries({ metric: 'heart_rate', personId: 'alice', from, to, maxPoints: MAX_POINTS });
      });
      // The same chart computed the naive way: every raw sample grouped into 1000 buckets.
      const width = Math.ceil((to - from) / MAX_POINTS);
      const rawScan = store.db.prepare<[number, number, number], { g: number }>(`
        SELECT ts / CAST(? AS INTEGER) AS g, count(*) AS count, avg(value) AS value, min(value) AS min, max(value) AS max
        FROM sample WHERE series_id IN (SELECT id FROM series WHERE person_id = 'alice' AND metric = 'heart_rate')
          AND ts >= ? AND ts < ? GROUP BY g ORDER BY g`);
      let rawPoints = 0;
      const rawScanMs = medianMs(5, () => {
        rawPoints = rawScan.all(width, from, to).length;
      });
      const figures: QueryBenchFigures = {
        readings,
        rollupMs,
        rollupPoints: chart.points.length,
        rollupResolution: `${String(chart.resolution)} s rollups, ${String((chart.bucketMs ?? 0) / 1000)} s per point`,
        rawScanMs,
        rawScanPoints: rawPoints,
        speedup: rawScanMs / rollupMs,
      };
      printTable(`store: ${DAYS}-day 1 Hz chart at ${MAX_POINTS} points (${readings} readings)`, [
        ['from rollups', `${rollupMs.toFixed(2)} ms, ${figures.rollupPoints} points (${figures.rollupResolution})`],
        ['raw scan', `${rawScanMs.toFixed(1)} ms, ${rawPoints} points`],
        ['speed-up', `${figures.speedup.toFixed(0)}x (target >= 50x and < 50 ms)`],
      ]);
      return figures;
    } finally {
      await store.stop();
    }
  });
}

if (isMain(import.meta.url)) await run();
