import type { MigrationStep } from '../store/index.js';

export const RELAY_PART = 'relay';

/** The relay's tables in the hub database. Released steps are frozen; add new ones at the end. */
export const RELAY_MIGRATIONS: readonly MigrationStep[] = [
  (db) => {
    db.exec(`
      CREATE TABLE relay_consent_log (
        seq INTEGER PRIMARY KEY,
        ts INTEGER NOT NULL,
        person_id TEXT NOT NULL,
        purpose TEXT NOT NULL,
        granted INTEGER NOT NULL,
        actor TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      -- Append-only: the database itself refuses edits; the hash chain catches edits made around it.
      CREATE TRIGGER relay_consent_log_no_update BEFORE UPDATE ON relay_consent_log
        BEGIN SELECT RAISE(ABORT, 'the consent log is append-only'); END;
      CREATE TRIGGER relay_consent_log_no_delete BEFORE DELETE ON relay_consent_log
        BEGIN SELECT RAISE(ABORT, 'the consent log is append-only'); END;

      CREATE TABLE relay_secret (name TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;

      CREATE TABLE relay_outbox (
        seq INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL UNIQUE,
        body BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT
      ) STRICT;

      -- The exact bytes that left the box, for the household to see.
      CREATE TABLE relay_sent (
        batch_id TEXT PRIMARY KEY,
        first_sent_at INTEGER NOT NULL,
        acknowledged_at INTEGER,
        body BLOB NOT NULL
      ) STRICT;

      -- Which days of which person were already turned into aggregates (and their ε spent).
      CREATE TABLE relay_research_day (
        person_id TEXT NOT NULL,
        day TEXT NOT NULL,
        epsilon REAL NOT NULL,
        PRIMARY KEY (person_id, day)
      ) STRICT;

      CREATE TABLE relay_counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
    `);
  },
];
