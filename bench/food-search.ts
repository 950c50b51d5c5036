/**
 * Food search as someone types: every two- to four-letter beginning of the first words of 300
 * foods' names (seeded), searched with the FTS5 index NutriVerse answers from, against a scan of the
 * names with LIKE over the same SQLite file in the same run; and the table's first build.
 *
 *   node dist/bench/food-search.js
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { seededRandom } from '../core/seeded-random.js';
import { foodSearchWords, ftsQuery } from '../hub/apps/nutriverse/food-query.js';
import { installedFoodTable } from '../hub/apps/nutriverse/food-table-file.js';
import { FoodTable } from '../hub/apps/nutriverse/food-table.js';
import { isMain, printTable, withTempDir } from './lib/bench-env.js';

const FOODS_SAMPLED = 300;
const LIMIT = 20;

export interface FoodSearchFigures {
  readonly buildMs: number;
  readonly queries: number;
  readonly ftsP50Ms: number;
  readonly ftsP95Ms: number;
  readonly scanP50Ms: number;
  readonly scanP95Ms: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function timed(queries: readonly string[], search: (typed: string) => unknown): number[] {
  for (const q of queries.slice(0, 20)) search(q);
  const times = queries.map((q) => {
    const started = performance.now();
    search(q);
    return performance.now() - started;
  });
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<FoodSearchFigures> {
  return withTempDir((dir) => {
    const path = join(dir, 'food-table.db');
    const started = performance.now();
    const { table } = FoodTable.open(path, installedFoodTable());
    const buildMs = performance.now() - started;
    const scanDb = new Database(path, { readonly: true });
    try {
      const names = scanDb.prepare<[], string>('SELECT name FROM food').pluck().all();
      const random = seededRandom(20261202);
      const queries: string[] = [];
      for (let i = 0; i < FOODS_SAMPLED; i++) {
        const words = foodSearchWords(names[Math.floor(random() * names.length)] ?? '');
        const first = words[0] ?? 'a';
        for (let letters = 2; letters <= Math.min(4, first.length); letters++) queries.push(first.slice(0, letters));
        const second = words[1];
        if (second !== undefined) queries.push(`${first} ${second.slice(0, 3)}`);
      }
      const scan = scanDb.prepare<{ like: string; limit: number }, { name: string }>("SELECT * FROM food WHERE lower(name) LIKE '%' || :like || '%' ORDER BY length(name) LIMIT :limit");
      const fts = timed(queries, (typed) => {
        const match = ftsQuery(typed);
        return match === undefined ? [] : table.search(match, foodSearchWords(typed)[0] ?? '', LIMIT);
      });
      // The baseline: the whole name scanned for the first word typed.
      const scanned = timed(queries, (typed) => scan.all({ like: foodSearchWords(typed)[0] ?? '', limit: LIMIT }));
      const figures: FoodSearchFigures = {
        buildMs,
        queries: queries.length,
        ftsP50Ms: percentile(fts, 0.5),
        ftsP95Ms: percentile(fts, 0.95),
        scanP50Ms: percentile(scanned, 0.5),
        scanP95Ms: percentile(scanned, 0.95),
      };
      printTable(`food search, ${table.size} foods, ${figures.queries} searches as typed (${LIMIT} results each)`, [
        ['FTS5 (what the hub answers from)', `p50 ${figures.ftsP50Ms.toFixed(2)} ms, p95 ${figures.ftsP95Ms.toFixed(2)} ms`],
        ['baseline: LIKE scan of the names', `p50 ${figures.scanP50Ms.toFixed(2)} ms, p95 ${figures.scanP95Ms.toFixed(2)} ms`],
        ['first start: table built', `${figures.buildMs.toFixed(0)} ms`],
      ]);
      return figures;
    } finally {
      scanDb.close();
      table.close();
    }
  });
}

if (isMain(import.meta.url)) await run();
