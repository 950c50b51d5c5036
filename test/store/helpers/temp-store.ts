import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reading } from '../../../core/reading.js';
import { openDatabase, type Db } from '../../../hub/store/database.js';
import { migrate } from '../../../hub/store/migrations.js';
import { ReadingWriter } from '../../../hub/store/reading-writer.js';
import { ManualScheduler } from '../../../core/scheduler.js';
import { STORE_MIGRATIONS, STORE_PART } from '../../../hub/store/schema.js';

interface Teardown {
  teardown(fn: () => void): void;
}

/** A fresh directory under the OS temp dir, removed when the test ends. */
export function tempDir(t: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-store-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real database file with the store's schema, closed when the test ends. */
export function storeDatabase(t: Teardown): { db: Db; path: string } {
  const path = join(tempDir(t), 'hearth.db');
  const db = openDatabase(path, { onCorrupt: 'fail' });
  t.teardown(() => {
    if (db.open) db.close();
  });
  migrate(db, STORE_PART, STORE_MIGRATIONS);
  return { db, path };
}

export function reading(fields: Partial<Reading> & { ts: number; value: number }): Reading {
  return { metric: 'heart_rate', unit: 'bpm', deviceId: 'strap-1', personId: 'alice', tsSource: 'device', ...fields };
}

export function countRows(db: Db, table: 'sample' | 'rollup' | 'waveform_block' | 'series'): number {
  return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
}

/** Writes readings through the store's own writer and closes it, so every one is committed. */
export function fill(db: Db, readings: Iterable<Reading>): void {
  const writer = new ReadingWriter(db, { scheduler: new ManualScheduler() });
  for (const r of readings) writer.write(r);
  writer.close();
}
