/** SleepOracle's breathing screening of each night, a row a scored night, beside its sleep sessions. */
import type { Db, MigrationStep } from '../../store/index.js';
import type { ApneaRiskCategory } from './apnea-night.js';

/** A night's breathing screening as it is kept and shown: the estimate, and what it was made from. */
export interface NightApnea {
  /** The night session's start, which names it. */
  readonly start: number;
  readonly end: number;
  /** Minutes with enough clean RR to score. */
  readonly validMinutes: number;
  readonly apneaMinutes: number;
  /** Null with under an hour of valid RR: an index per hour needs one. */
  readonly estimatedAhi: number | null;
  readonly category: ApneaRiskCategory | null;
  /** The apnea-rr model's version that scored it. */
  readonly model: string;
}

export const nightApneaMigration: MigrationStep = (db) =>
  db.exec(`
    CREATE TABLE sleep_apnea (
      person_id TEXT NOT NULL,
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      summary TEXT NOT NULL,
      PRIMARY KEY (person_id, start)
    ) STRICT;
  `);

export class NightApneaStore {
  private readonly removeOverlapping;
  private readonly insert;
  private readonly list;
  private readonly removePeopleRows;
  private readonly countPeopleRows;

  constructor(private readonly db: Db) {
    this.removeOverlapping = db.prepare<[string, number, number]>('DELETE FROM sleep_apnea WHERE person_id = ? AND start < ? AND end > ?');
    this.insert = db.prepare<[string, number, number, string]>('INSERT INTO sleep_apnea (person_id, start, end, summary) VALUES (?, ?, ?, ?)');
    this.list = db.prepare<[string, number, number], { summary: string }>('SELECT summary FROM sleep_apnea WHERE person_id = ? AND start >= ? AND start < ? ORDER BY start');
    this.removePeopleRows = db.prepare<[string]>('DELETE FROM sleep_apnea WHERE person_id IN (SELECT value FROM json_each(?))');
    this.countPeopleRows = db.prepare<[string], number>('SELECT count(*) FROM sleep_apnea WHERE person_id IN (SELECT value FROM json_each(?))').pluck();
  }

  /** Keeps a night's screening, in place of any earlier one of a session overlapping it (its start moved when it was analysed again). */
  save(personId: string, apnea: NightApnea): void {
    this.db.transaction(() => {
      this.removeOverlapping.run(personId, apnea.end, apnea.start);
      this.insert.run(personId, apnea.start, apnea.end, JSON.stringify(apnea));
    })();
  }

  between(personId: string, from: number, to: number): NightApnea[] {
    return this.list.all(personId, from, to).map((row) => JSON.parse(row.summary) as NightApnea);
  }

  countOf(personIds: readonly string[]): number {
    return this.countPeopleRows.get(JSON.stringify(personIds)) ?? 0;
  }

  removePeople(personIds: readonly string[]): number {
    return this.removePeopleRows.run(JSON.stringify(personIds)).changes;
  }
}
