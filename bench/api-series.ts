/**
 * The dashboard's 30-day chart through the API: 30 days of 1 Hz heart rate (2.6 million readings
 * in a real SQLite file), GET /api/v1/series at 1000 points over real HTTP with a session cookie,
 * against the store call alone in the same run. Target: under 50 ms.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMain, printTable, withTempDir } from './lib/bench-env.js';
import { percentile, startBenchApi } from './lib/api-hub.js';
import { BENCH_T0, heartRateAt1Hz, openBenchStore, writeAll } from './lib/store-fixtures.js';

const DAYS = 30;
const MAX_POINTS = 1000;
const RUNS = 50;

export interface ApiSeriesFigures {
  readings: number;
  points: number;
  apiP50Ms: number;
  apiP95Ms: number;
  storeP50Ms: number;
  storeP95Ms: number;
}

async function timed(runs: number, body: () => unknown): Promise<number[]> {
  await body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await body();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<ApiSeriesFigures> {
  return withTempDir(async (dir) => {
    const seeded = await openBenchStore(join(dir, 'hearth.db'));
    const readings = writeAll(seeded, heartRateAt1Hz(DAYS * 86_400));
    await seeded.stop();
    const api = await startBenchApi(dir, [{ id: 'alice', name: 'Alice' }], [{ id: 'strap', personId: 'alice' }]);
    try {
      const from = BENCH_T0;
      const to = BENCH_T0 + DAYS * 86_400_000;
      const url = `${api.base}/api/v1/series?personId=alice&metric=heart_rate&from=${from}&to=${to}&maxPoints=${MAX_POINTS}`;
      let points = 0;
      const apiTimes = await timed(RUNS, async () => {
        const response = await fetch(url, { headers: { cookie: api.cookie } });
        const body = (await response.json()) as { points: unknown[] };
        if (response.status !== 200) throw new Error(`series answered ${response.status}`);
        points = body.points.length;
      });
      const storeTimes = await timed(RUNS, () => api.hub.store.query.querySeries({ metric: 'heart_rate', personId: 'alice', from, to, maxPoints: MAX_POINTS }));
      const figures: ApiSeriesFigures = {
        readings,
        points,
        apiP50Ms: percentile(apiTimes, 50),
        apiP95Ms: percentile(apiTimes, 95),
        storeP50Ms: percentile(storeTimes, 50),
        storeP95Ms: percentile(storeTimes, 95),
      };
      printTable(`api: GET /api/v1/series, ${DAYS} days of 1 Hz heart rate (${readings} readings) at ${MAX_POINTS} points, ${RUNS} runs`, [
        ['API over HTTP', `p50 ${figures.apiP50Ms.toFixed(2)} ms, p95 ${figures.apiP95Ms.toFixed(2)} ms, ${points} points (target < 50 ms)`],
        ['store call alone', `p50 ${figures.storeP50Ms.toFixed(2)} ms, p95 ${figures.storeP95Ms.toFixed(2)} ms`],
        ['API overhead', `${(figures.apiP50Ms - figures.storeP50Ms).toFixed(2)} ms at p50 (auth, validation, JSON, HTTP)`],
      ]);
      return figures;
    } finally {
      await api.hub.stop();
    }
  });
}

if (isMain(import.meta.url)) await run();
