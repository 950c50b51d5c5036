import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { readRejectionTotals } from '../../ingest/rejection-ledger.js';
import { StoreQuery } from '../../store/query.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { locateDatabase } from '../database-location.js';

/**
 * `stats [--config <file>] [--data-dir <dir>]`: counts of series, readings and rejections in the
 * store, as JSON. Opens the database read-only, so it is safe while the hub runs.
 */
export const statsCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['config', 'data-dir']);
  const { file } = locateDatabase(parsed);
  if (!existsSync(file)) {
    io.stderr(`hearth stats: no database at ${file}; start the hub first (make run) or pass --data-dir`);
    return 1;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const store = new StoreQuery(db, file);
    const count = (sql: string): number => (db.prepare(sql).pluck().get() as number | null) ?? 0;
    const tables = store.stats();
    const span = store.readingSpan();
    const stats = {
      database: file,
      series: tables.series,
      readings: tables.readings,
      readingsByMetric: Object.fromEntries(store.readingsByMetric().map((r) => [r.metric, r.readings])),
      waveformBlocks: tables.waveformBlocks,
      waveformSamples: tables.waveformSamples,
      rollupRows: tables.rollupRows,
      people: count('SELECT COUNT(*) FROM person'),
      devices: count('SELECT COUNT(*) FROM device'),
      oldestReading: span.oldest === null ? null : new Date(span.oldest).toISOString(),
      newestReading: span.newest === null ? null : new Date(span.newest).toISOString(),
      rejections: readRejectionTotals(db),
    };
    io.stdout(JSON.stringify(stats, null, 2));
    return 0;
  } finally {
    db.close();
  }
};
