import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { BackupError, checkSnapshot } from './snapshot.js';

export interface RestoreOutcome {
  readonly restoredFrom: string;
  readonly database: string;
  /** Where the database that was replaced now lives; undefined when there was none. */
  readonly previousKeptAs: string | undefined;
}

/** True when another process (a running hub) has the database open. */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    // An exclusive lock is refused while any other connection (the hub's) holds the file open.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts a snapshot in place of the hub's database. The hub must be stopped. The snapshot is
 * checked first; the current database (with its -wal and -shm) is kept aside, never deleted.
 */
export function restoreSnapshot(options: { readonly source: string; readonly database: string; readonly now: number }): RestoreOutcome {
  const { source, database } = options;
  if (!existsSync(source)) throw new BackupError(`no backup at ${source}`);
  const problem = checkSnapshot(source);
  if (problem !== null) throw new BackupError(`${source} cannot be restored: ${problem}`);
  if (databaseInUse(database)) throw new BackupError(`the hub is running on ${database}: stop it first (sudo systemctl stop hearth)`);
  const staging = `${database}.restoring`;
  copyFileSync(source, staging);
  syncFile(staging);
  let previousKeptAs: string | undefined;
  if (existsSync(database)) {
    previousKeptAs = `${database}.before-restore-${new Date(options.now).toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['-wal', '-shm']) if (existsSync(database + suffix)) renameSync(database + suffix, previousKeptAs + suffix);
    renameSync(database, previousKeptAs);
  } else {
    // A stale log beside a missing database would be replayed into the restored file.
    for (const suffix of ['-wal', '-shm']) rmSync(database + suffix, { force: true });
  }
  renameSync(staging, database);
  syncFile(dirname(database));
  return { restoredFrom: source, database, previousKeptAs };
}
