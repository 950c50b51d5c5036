import type { Db } from './database.js';

/** One schema change. Runs inside its own transaction; never edit a step once released. */
export type MigrationStep = (db: Db) => void;

export interface MigrationOutcome {
  readonly part: string;
  readonly from: number;
  readonly to: number;
}

/**
 * Brings one part's tables (store, people, devices, alerts…) up to date. Each part keeps its own
 * version so parts can evolve independently; a step and its version bump commit together.
 */
export function migrate(db: Db, part: string, steps: readonly MigrationStep[]): MigrationOutcome {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (part TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT');
  const readVersion = db.prepare<[string], { version: number }>('SELECT version FROM schema_version WHERE part = ?');
  const writeVersion = db.prepare<[string, number]>(
    'INSERT INTO schema_version (part, version) VALUES (?, ?) ON CONFLICT (part) DO UPDATE SET version = excluded.version',
  );
  const from = readVersion.get(part)?.version ?? 0;
  if (from > steps.length) {
    throw new Error(
      `The database's "${part}" tables are at version ${from}, newer than this Hearth knows (${steps.length}). ` +
        `Run a newer Hearth, or restore a backup made by this version.`,
    );
  }
  for (let version = from; version < steps.length; version++) {
    const step = steps[version];
    if (step === undefined) continue;
    db.transaction(() => {
      step(db);
      writeVersion.run(part, version + 1);
    }).immediate();
  }
  return { part, from, to: steps.length };
}
