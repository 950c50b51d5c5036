import type { MigrationStep } from '../store/index.js';

export const ACCOUNTS_PART = 'accounts';

/** Tables of users, their sessions and API tokens, caregiver grants, settings, login failures, trusted devices and the first-run setup. */
export const ACCOUNTS_MIGRATIONS: readonly MigrationStep[] = [
  (db) => {
    db.exec(`
      CREATE TABLE account_user (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'member', 'caregiver', 'viewer')),
        person_id TEXT,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE account_grant (
        user_id TEXT NOT NULL REFERENCES account_user (id) ON DELETE CASCADE,
        person_id TEXT NOT NULL,
        PRIMARY KEY (user_id, person_id)
      ) STRICT, WITHOUT ROWID;
      -- Only a hash of the session id is kept, so a copy of the database cannot be used to log in.
      CREATE TABLE account_session (
        id_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES account_user (id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE account_token (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES account_user (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        person_ids TEXT,
        created_at INTEGER NOT NULL,
        last_used INTEGER
      ) STRICT;
      CREATE TABLE account_setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE login_failure (
        key TEXT NOT NULL,
        ts INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX login_failure_by_key ON login_failure (key, ts);
    `);
  },
  (db) => {
    db.exec(`
      -- Device cookies of past logins (device-trust.ts): only a hash, like session ids.
      CREATE TABLE account_device (
        id_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES account_user (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX account_device_by_user ON account_device (user_id, created_at);
    `);
  },
  (db) => {
    db.exec(`
      -- The owner's way through the first-run setup (setup-progress.ts); no row: never begun.
      CREATE TABLE setup_progress (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        step TEXT NOT NULL,
        done INTEGER NOT NULL CHECK (done IN (0, 1)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
];
