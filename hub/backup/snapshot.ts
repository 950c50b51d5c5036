import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { Db } from '../store/index.js';
import { holdsStoreTables } from '../store/store-tables.js';
import { listSnapshots, snapshotName, type SnapshotFile } from './snapshot-files.js';

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface SnapshotOutcome {
  readonly file: string;
  readonly bytes: number;
  readonly durationMs: number;
  /** Older snapshots removed to keep `keep`. */
  readonly removed: readonly string[];
  readonly kept: number;
}

const PARTIAL = '.partial';

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Null when the file is a sound hub database; otherwise what is wrong with it. */
export function checkSnapshot(file: string): string | null {
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma('quick_check', { simple: true }) as string;
    if (result !== 'ok') return `it fails its integrity check: ${result}`;
    if (!holdsStoreTables(db)) return 'it is not a Hearth database (no sample and series tables)';
    return null;
  } catch (error) {
    return `it cannot be opened: ${(error as Error).message}`;
  } finally {
    db?.close();
  }
}

/**
 * A consistent copy of the open database (SQLite's online backup, which copies a single
 * transaction's view while the hub keeps writing), checked, synced to disk and only then given its
 * final name; then the oldest snapshots beyond `keep` are removed.
 */
export async function takeSnapshot(db: Db, options: { readonly dir: string; readonly keep: number; readonly now: number }): Promise<SnapshotOutcome> {
  const started = performance.now();
  try {
    mkdirSync(options.dir, { recursive: true });
  } catch (error) {
    throw new BackupError(`cannot create the backup directory ${options.dir}: ${(error as Error).message}`);
  }
  removePartials(options.dir);
  const file = join(options.dir, snapshotName(options.now));
  const partial = file + PARTIAL;
  try {
    await db.backup(partial);
    const problem = checkSnapshot(partial);
    if (problem !== null) throw new BackupError(`the snapshot is unusable: ${problem}`);
    fsyncPath(partial);
    renameSync(partial, file);
    fsyncPath(options.dir);
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`backup to ${options.dir} failed: ${(error as Error).message}`);
  }
  const removed = rotate(options.dir, options.keep);
  return { file, bytes: statSync(file).size, durationMs: performance.now() - started, removed, kept: listSnapshots(options.dir).length };
}

/** Removes the oldest snapshots so that `keep` remain; returns the files removed. */
export function rotate(dir: string, keep: number): string[] {
  const old = listSnapshots(dir).slice(keep);
  for (const snapshot of old) rmSync(snapshot.file, { force: true });
  return old.map((s: SnapshotFile) => s.file);
}

/** A snapshot cut short (power cut, full disk) leaves a .partial file that is never restorable. */
function removePartials(dir: string): void {
  for (const name of readdirSync(dir)) if (name.endsWith(PARTIAL)) rmSync(join(dir, name), { force: true });
}
