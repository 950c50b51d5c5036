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
];
