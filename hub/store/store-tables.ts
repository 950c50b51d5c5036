import type { Db } from './database.js';

/** Whether a database holds the store's readings tables: how a copy of a hub database is told apart from any SQLite file. */
export function holdsStoreTables(db: Db): boolean {
  const found = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('sample', 'series')").pluck().all();
  return found.length === 2;
}
