import type { Database } from 'better-sqlite3';
import { mergeDeviceAliases } from './merge-device-aliases.js';

/** Schema steps of the household part (people and their devices), applied in order once each. */
export const householdMigrations: readonly ((db: Database) => void)[] = [
  (db) => {
    db.exec(`
      CREATE TABLE person (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        birth_year INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE device (
        id TEXT PRIMARY KEY,
        name TEXT,
        driver TEXT,
        person_id TEXT REFERENCES person(id) ON DELETE SET NULL,
        user_slots TEXT NOT NULL DEFAULT '{}',
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      ) STRICT;
    `);
  },
  mergeDeviceAliases,
  (db) => {
    db.exec(`
      -- The people and devices of the simulated household, told apart from the household's own
      -- (ids alone cannot: a config file may name a person 'alex' too).
      CREATE TABLE simulated_member (
        kind TEXT NOT NULL CHECK (kind IN ('person', 'device')),
        id TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
      -- Once the household removed the simulated household, it never comes back.
      CREATE TABLE simulation_removal (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        removed_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
];
