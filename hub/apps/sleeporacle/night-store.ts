/** SleepOracle's own table: each person's analysed sleep, a row a session, its figures as JSON. */
import type { Db, MigrationStep } from '../../store/index.js';
import { nightApneaMigration } from './night-apnea-store.js';
import type { NightSummary } from './night-summary.js';

export const SLEEPORACLE_SCHEMA_PART = 'sleeporacle';

export const sleeporacleMigrations: readonly MigrationStep[] = [
  (db) =>
    db.exec(`
      CREATE TABLE sleep_session (
        person_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        night TEXT NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        PRIMARY KEY (person_id, start)
      ) STRICT;
      CREATE INDEX sleep_session_by_night ON sleep_session (person_id, night);
    `),
  nightApneaMigration,
];

export class NightStore {
  private readonly removeFrom;
  private readonly insert;
  private readonly list;
  private readonly removePeopleRows;
  private readonly countPeopleRows;

  constructor(private readonly db: Db) {
    this.removeFrom = db.prepare<[string, number]>('DELETE FROM sleep_session WHERE person_id = ? AND start >= ?');
    this.insert = db.prepare<[string, number, number, string, string, string]>('INSERT OR REPLACE INTO sleep_session (person_id, start, end, night, kind, summary) VALUES (?, ?, ?, ?, ?, ?)');
    this.removePeopleRows = db.prepare<[string]>('DELETE FROM sleep_session WHERE person_id IN (SELECT value FROM json_each(?))');
    this.countPeopleRows = db.prepare<[string], number>('SELECT count(*) FROM sleep_session WHERE person_id IN (SELECT value FROM json_each(?))').pluck();
    this.list = db.prepare<[string, number, number], { summary: string }>('SELECT summary FROM sleep_session WHERE person_id = ? AND start >= ? AND start < ? ORDER BY start');
  }

  /**
   * Replaces what an earlier analysis said of the sessions starting at or after `from`: a session
   * still going on then has grown since, and its start may have moved by a minute or two.
   */
  replaceFrom(personId: string, from: number, sessions: readonly NightSummary[]): void {
    this.db.transaction(() => {
      this.removeFrom.run(personId, from);
      for (const session of sessions) this.insert.run(personId, session.start, session.end, session.night, session.kind, JSON.stringify(session));
    })();
  }

  /** How many sessions are kept of these people. */
  countOf(personIds: readonly string[]): number {
    return this.countPeopleRows.get(JSON.stringify(personIds)) ?? 0;
  }

  /** Deletes the sessions of people who left the household (inside the caller's transaction, if any); returns how many. */
  removePeople(personIds: readonly string[]): number {
    return this.removePeopleRows.run(JSON.stringify(personIds)).changes;
  }

  between(personId: string, from: number, to: number): NightSummary[] {
    return this.list.all(personId, from, to).map((row) => JSON.parse(row.summary) as NightSummary);
  }
}
