import { accessSync, constants, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../core/clock.js';
import { StoreCorruptError, StoreDirectoryError, sqliteCode } from './errors.js';
import { silentLogger, type CorruptionPolicy, type StoreLogger } from './types.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  readonly onCorrupt: CorruptionPolicy;
  readonly logger?: StoreLogger;
  /** Names the damaged copy when a file is moved aside. */
  readonly clock?: Clock;
}

const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

/**
 * Opens (or creates) the hub's SQLite file, tuned for an SD card, after checking its integrity.
 * A damaged file is either refused with a StoreCorruptError or kept aside as
 * `<name>.damaged-<time>` (with its -wal and -shm) while a fresh file takes its place.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions): Db {
  const logger = options.logger ?? silentLogger;
  ensureWritableDirectory(dirname(path));
  const problems = checkIntegrity(path);
  if (problems === null) return openConfigured(path);
  if (options.onCorrupt === 'fail') throw new StoreCorruptError(path, problems);
  const keptAs = moveAside(path, (options.clock ?? systemClock).now());
  logger.error({ path, keptAs, problems: problems.slice(0, 5) }, 'database failed its integrity check; kept the damaged file aside and started an empty one');
  return openConfigured(path);
}

function ensureWritableDirectory(directory: string): void {
  try {
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
  } catch (error) {
    throw new StoreDirectoryError(directory, error);
  }
}

/** Null when the file is sound (or does not exist yet); otherwise what is wrong with it. */
function checkIntegrity(path: string): string[] | null {
  if (!existsSync(path)) return null;
  let db: Db | undefined;
  try {
    // Read-only, so that checking a damaged file cannot change it (a closing writer would
    // checkpoint or delete its -wal).
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((row) => row.quick_check).filter((text) => text !== 'ok');
    return problems.length === 0 ? null : problems;
  } catch (error) {
    const code = sqliteCode(error);
    if (code !== undefined && DAMAGE_CODES.has(code)) return [`${code}: ${(error as Error).message}`];
    throw error;
  } finally {
    db?.close();
  }
}

function moveAside(path: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const keptAs = `${path}.damaged-${stamp}`;
  // The suffixes follow the kept file so that SQLite finds its journal if someone opens it later.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, keptAs + suffix);
  }
  renameSync(path, keptAs);
  return keptAs;
}

function openConfigured(path: string): Db {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a crash of the process loses nothing committed; a power cut may lose the last
    // commits but never corrupts the file. One fsync per checkpoint instead of one per commit.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Checkpoint about every 8 MB of log (4 KB pages): fewer, larger writes into the main file.
    db.pragma('wal_autocheckpoint = 2000');
    // Give the log's disk space back after a checkpoint instead of keeping a large file around.
    db.pragma('journal_size_limit = 16777216');
    db.pragma('cache_size = -8192');
    db.pragma('temp_store = MEMORY');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
