import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigInvalidError, loadConfig } from '../../config/load-config.js';
import { DATABASE_FILE } from '../../store/database-file.js';
import { readRejectionTotals } from '../../ingest/rejection-ledger.js';
import { parseArgs, stringOption } from '../args.js';
import { UsageError, type Command } from '../command.js';

/**
 * `stats [--config <file>] [--data-dir <dir>]`: counts of series, readings and rejections in the
 * store, as JSON. Opens the database read-only, so it is safe while the hub runs.
 */
export const statsCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, ['config', 'data-dir']);
  const path = stringOption(parsed, 'config');
  let dataDir = stringOption(parsed, 'data-dir');
  if (dataDir === undefined) {
    try {
      dataDir = loadConfig(path !== undefined ? { path } : {}).config.dataDir;
    } catch (error) {
      if (error instanceof ConfigInvalidError) throw new UsageError(error.message);
      throw error;
    }
  }
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    io.stderr(`hearth stats: no database at ${file}; start the hub first (make run) or pass --data-dir`);
    return 1;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const count = (sql: string): number => (db.prepare(sql).pluck().get() as number | null) ?? 0;
    const byMetric = db
      .prepare('SELECT series.metric AS metric, COUNT(*) AS n FROM sample JOIN series ON series.id = sample.series_id GROUP BY series.metric ORDER BY series.metric')
      .all() as { metric: string; n: number }[];
    const oldest = db.prepare('SELECT MIN(ts) FROM sample').pluck().get() as number | null;
    const newest = db.prepare('SELECT MAX(ts) FROM sample').pluck().get() as number | null;
    const stats = {
      database: file,
      series: count('SELECT COUNT(*) FROM series'),
      readings: count('SELECT COUNT(*) FROM sample'),
      readingsByMetric: Object.fromEntries(byMetric.map((r) => [r.metric, r.n])),
      waveformBlocks: count('SELECT COUNT(*) FROM waveform_block'),
      waveformSamples: count('SELECT COALESCE(SUM(sample_count), 0) FROM waveform_block'),
      rollupRows: count('SELECT COUNT(*) FROM rollup'),
      people: count('SELECT COUNT(*) FROM person'),
      devices: count('SELECT COUNT(*) FROM device'),
      oldestReading: oldest === null ? null : new Date(oldest).toISOString(),
      newestReading: newest === null ? null : new Date(newest).toISOString(),
      rejections: readRejectionTotals(db),
    };
    io.stdout(JSON.stringify(stats, null, 2));
    return 0;
  } finally {
    db.close();
  }
};
