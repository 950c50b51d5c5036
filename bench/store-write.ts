/**
 * Writer throughput: readings per second through ReadingWriter (series lookup, de-duplication,
 * rollups, one transaction per 5000) against a bare better-sqlite3 batched insert of the same
 * rows into the same table, in the same run.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMain, printTable, withTempDir } from './lib/bench-env.js';
import { heartRateAt1Hz, openBenchStore, writeAll } from './lib/store-fixtures.js';

const READINGS = 500_000;
const BATCH = 5000;

export interface WriteBenchFigures {
  readings: number;
  writerPerSecond: number;
  barePerSecond: number;
  writerFlushMsPerBatch: number;
}

export async function run(): Promise<WriteBenchFigures> {
  return withTempDir(async (dir) => {
    const readings = [...heartRateAt1Hz(READINGS)];

    const store = await openBenchStore(join(dir, 'writer.db'));
    let writerSeconds: number;
    let flushMs: number;
    try {
      const started = performance.now();
      writeAll(store, readings);
      writerSeconds = (performance.now() - started) / 1000;
      const stats = store.writer.stats();
      flushMs = stats.totalFlushMs / stats.flushes;
    } finally {
      await store.stop();
    }

    const bare = await openBenchStore(join(dir, 'bare.db'));
    let bareSeconds: number;
    try {
      const seriesId = Number(bare.db.prepare("INSERT INTO series (device_id, metric, person_id) VALUES ('strap', 'heart_rate', 'alice')").run().lastInsertRowid);
      const insert = bare.db.prepare<[number, number, number, number]>('INSERT INTO sample (series_id, ts, value, flags) VALUES (?, ?, ?, ?)');
      const insertBatch = bare.db.transaction((from: number) => {
        for (const r of readings.slice(from, from + BATCH)) insert.run(seriesId, r.ts, r.value, 0);
      });
      const started = performance.now();
      for (let from = 0; from < readings.length; from += BATCH) insertBatch(from);
      bareSeconds = (performance.now() - started) / 1000;
    } finally {
      await bare.stop();
    }

    const figures: WriteBenchFigures = {
      readings: readings.length,
      writerPerSecond: readings.length / writerSeconds,
      barePerSecond: readings.length / bareSeconds,
      writerFlushMsPerBatch: flushMs,
    };
    printTable(`store: write throughput (${readings.length} readings, ${BATCH} per transaction)`, [
      ['ReadingWriter (with rollups)', `${Math.round(figures.writerPerSecond).toLocaleString('en')} readings/s, ${flushMs.toFixed(1)} ms per flush`],
      ['bare better-sqlite3 insert', `${Math.round(figures.barePerSecond).toLocaleString('en')} readings/s`],
      ['writer / bare', `${(figures.writerPerSecond / figures.barePerSecond).toFixed(2)}`],
    ]);
    return figures;
  });
}

if (isMain(import.meta.url)) await run();
