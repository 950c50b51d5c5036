/** The inference part's own table of insights, and the API's view of it. */
import { randomUUID } from 'node:crypto';
import type { Insight, InsightModel } from '../bus/hub-events.js';
import type { ApiInsight, InsightsView } from '../services/insights-service.js';
import type { Db, MigrationStep } from '../store/index.js';

export const INFERENCE_SCHEMA_PART = 'inference';

export const inferenceMigrations: readonly MigrationStep[] = [
  (db) =>
    db.exec(`
      CREATE TABLE insight (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL,
        model TEXT NOT NULL,
        title TEXT NOT NULL,
        explanation TEXT NOT NULL,
        score REAL NOT NULL,
        ts INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX insight_by_person ON insight (person_id, model, ts);
      -- The last hour the hourly illness job has done per person, so a restart neither redoes nor skips hours.
      CREATE TABLE inference_progress (
        person_id TEXT NOT NULL,
        job TEXT NOT NULL,
        done_until INTEGER NOT NULL,
        PRIMARY KEY (person_id, job)
      ) STRICT;
    `),
];

interface InsightRow {
  id: string;
  person_id: string;
  model: string;
  title: string;
  explanation: string;
  score: number;
  ts: number;
}

/** How many insights the API lists at most (newest first). */
const LIST_LIMIT = 200;

const fromRow = (row: InsightRow): Insight => ({
  id: row.id,
  personId: row.person_id,
  model: row.model as InsightModel,
  title: row.title,
  explanation: row.explanation,
  score: row.score,
  ts: row.ts,
});

export class InsightStore implements Pick<InsightsView, 'list'> {
  private readonly insertRow;
  private readonly newestRows;
  private readonly lastForPerson;
  private readonly readProgress;
  private readonly writeProgress;
  private readonly deleteInsights;
  private readonly deleteProgress;
  private readonly countInsights;

  constructor(db: Db) {
    this.insertRow = db.prepare<InsightRow>(
      'INSERT INTO insight (id, person_id, model, title, explanation, score, ts) VALUES (@id, @person_id, @model, @title, @explanation, @score, @ts)',
    );
    // Insights come a few a month per person: reading them all and filtering in memory stays cheap.
    this.newestRows = db.prepare<[], InsightRow>('SELECT * FROM insight ORDER BY ts DESC, id');
    this.lastForPerson = db.prepare<[string, string], { ts: number | null }>('SELECT max(ts) AS ts FROM insight WHERE person_id = ? AND model = ?');
    this.readProgress = db.prepare<[string, string], { done_until: number }>('SELECT done_until FROM inference_progress WHERE person_id = ? AND job = ?');
    this.writeProgress = db.prepare<[string, string, number]>(
      'INSERT INTO inference_progress (person_id, job, done_until) VALUES (?, ?, ?) ON CONFLICT (person_id, job) DO UPDATE SET done_until = excluded.done_until',
    );
    this.deleteInsights = db.prepare<[string]>('DELETE FROM insight WHERE person_id IN (SELECT value FROM json_each(?))');
    this.countInsights = db.prepare<[string], number>('SELECT count(*) FROM insight WHERE person_id IN (SELECT value FROM json_each(?))').pluck();
    this.deleteProgress = db.prepare<[string]>('DELETE FROM inference_progress WHERE person_id IN (SELECT value FROM json_each(?))');
  }

  /**
   * Deletes the insights and job progress of people who left the household (inside the caller's
   * transaction, if any); returns how many insights went.
   */
  removePeople(personIds: readonly string[]): number {
    const people = JSON.stringify(personIds);
    this.deleteProgress.run(people);
    return this.deleteInsights.run(people).changes;
  }

  /** How many insights the models raised about these people. */
  countPeople(personIds: readonly string[]): number {
    return this.countInsights.get(JSON.stringify(personIds)) ?? 0;
  }

  add(insight: Omit<Insight, 'id'>): Insight {
    const stored: Insight = { id: randomUUID(), ...insight };
    this.insertRow.run({
      id: stored.id,
      person_id: stored.personId,
      model: stored.model,
      title: stored.title,
      explanation: stored.explanation,
      score: stored.score,
      ts: stored.ts,
    });
    return stored;
  }

  /** Time of the person's newest insight from `model`, if any. */
  lastTs(personId: string, model: InsightModel): number | undefined {
    return this.lastForPerson.get(personId, model)?.ts ?? undefined;
  }

  /** Newest first, only the people the caller may see. */
  list(allowedPersonIds: readonly string[] | 'all'): ApiInsight[] {
    const rows = this.newestRows.all().map(fromRow);
    const visible = allowedPersonIds === 'all' ? rows : rows.filter((i) => allowedPersonIds.includes(i.personId));
    return visible.slice(0, LIST_LIMIT).map((i) => ({ ...i }));
  }

  progress(personId: string, job: string): number | undefined {
    return this.readProgress.get(personId, job)?.done_until;
  }

  setProgress(personId: string, job: string, doneUntil: number): void {
    this.writeProgress.run(personId, job, doneUntil);
  }
}
