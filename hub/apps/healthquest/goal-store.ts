/** HealthQuest's own tables: each person's goals, and each goal's judged days. */
import { randomUUID } from 'node:crypto';
import type { Db, MigrationStep } from '../../store/index.js';
import type { DayResult, DayStatus, GoalTemplateId } from './goal-templates.js';
import type { GoalDay } from './streaks.js';
import { challengeMigration } from './challenge-store.js';

export const HEALTHQUEST_SCHEMA_PART = 'healthquest';

export const healthquestMigrations: readonly MigrationStep[] = [
  (db) =>
    db.exec(`
      CREATE TABLE healthquest_goal (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL,
        template TEXT NOT NULL,
        target REAL NOT NULL,
        created INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX healthquest_goal_per_template ON healthquest_goal (person_id, template);
      CREATE TABLE healthquest_day (
        goal_id TEXT NOT NULL REFERENCES healthquest_goal (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        status TEXT NOT NULL,
        target REAL NOT NULL,
        value REAL,
        progress REAL NOT NULL,
        declared_missed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (goal_id, date)
      ) STRICT;
    `),
  challengeMigration,
];

export interface Goal {
  readonly id: string;
  readonly personId: string;
  readonly template: GoalTemplateId;
  readonly target: number;
  readonly created: number;
}

export interface StoredDay extends GoalDay {
  /** The target the day was judged on: a new target holds from the day it is set. */
  readonly target: number;
  readonly value: number | null;
  readonly progress: number;
}

interface GoalRow {
  id: string;
  person_id: string;
  template: string;
  target: number;
  created: number;
}

interface DayRow {
  date: string;
  status: string;
  target: number;
  value: number | null;
  progress: number;
  declared_missed: number;
}

const toDay = (row: DayRow): StoredDay => ({
  date: row.date,
  status: row.status as DayStatus,
  target: row.target,
  value: row.value,
  progress: row.progress,
  ...(row.declared_missed === 1 ? { declaredMissed: true } : {}),
});

const toGoal = (row: GoalRow): Goal => ({ id: row.id, personId: row.person_id, template: row.template as GoalTemplateId, target: row.target, created: row.created });

export class GoalStore {
  private readonly insertGoal;
  private readonly updateTarget;
  private readonly deleteGoal;
  private readonly goalById;
  private readonly goalsOf;
  private readonly allGoals;
  private readonly upsertDay;
  private readonly daysOf;
  private readonly dayOf;
  private readonly metCount;
  private readonly byTemplate;
  private readonly declare;
  private readonly removePeopleGoals;
  private readonly countPeopleGoals;

  constructor(db: Db) {
    this.insertGoal = db.prepare<[string, string, string, number, number]>('INSERT INTO healthquest_goal (id, person_id, template, target, created) VALUES (?, ?, ?, ?, ?)');
    this.updateTarget = db.prepare<[number, string]>('UPDATE healthquest_goal SET target = ? WHERE id = ?');
    this.deleteGoal = db.prepare<[string]>('DELETE FROM healthquest_goal WHERE id = ?');
    this.goalById = db.prepare<[string], GoalRow>('SELECT * FROM healthquest_goal WHERE id = ?');
    this.goalsOf = db.prepare<[string], GoalRow>('SELECT * FROM healthquest_goal WHERE person_id = ? ORDER BY created, id');
    this.allGoals = db.prepare<[], GoalRow>('SELECT * FROM healthquest_goal ORDER BY created, id');
    // A day judged again keeps what the person declared of it while it is still without data.
    this.upsertDay = db.prepare<[string, string, string, number, number | null, number]>(
      `INSERT INTO healthquest_day (goal_id, date, status, target, value, progress) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (goal_id, date) DO UPDATE SET status = excluded.status, target = excluded.target, value = excluded.value, progress = excluded.progress,
         declared_missed = CASE WHEN excluded.status = 'no_data' THEN declared_missed ELSE 0 END`,
    );
    this.daysOf = db.prepare<[string, string, string], DayRow>('SELECT date, status, target, value, progress, declared_missed FROM healthquest_day WHERE goal_id = ? AND date >= ? AND date <= ? ORDER BY date');
    this.dayOf = db.prepare<[string, string], DayRow>('SELECT date, status, target, value, progress, declared_missed FROM healthquest_day WHERE goal_id = ? AND date = ?');
    this.metCount = db.prepare<[string], number>("SELECT count(*) FROM healthquest_day d JOIN healthquest_goal g ON g.id = d.goal_id WHERE g.person_id = ? AND d.status = 'met'").pluck();
    this.byTemplate = db.prepare<[string, string], GoalRow>('SELECT * FROM healthquest_goal WHERE person_id = ? AND template = ?');
    this.declare = db.prepare<[number, string, string]>("UPDATE healthquest_day SET declared_missed = ? WHERE goal_id = ? AND date = ? AND status = 'no_data'");
    this.removePeopleGoals = db.prepare<[string]>('DELETE FROM healthquest_goal WHERE person_id IN (SELECT value FROM json_each(?))');
    this.countPeopleGoals = db.prepare<[string], number>('SELECT count(*) FROM healthquest_goal WHERE person_id IN (SELECT value FROM json_each(?))').pluck();
  }

  add(personId: string, template: GoalTemplateId, target: number, now: number): Goal {
    const goal: Goal = { id: `goal-${randomUUID()}`, personId, template, target, created: now };
    this.insertGoal.run(goal.id, personId, template, target, now);
    return goal;
  }

  get(id: string): Goal | undefined {
    const row = this.goalById.get(id);
    return row === undefined ? undefined : toGoal(row);
  }

  of(personId: string): Goal[] {
    return this.goalsOf.all(personId).map(toGoal);
  }

  all(): Goal[] {
    return this.allGoals.all().map(toGoal);
  }

  /** A new target: the days already judged keep their verdict and their target; today and the days after are judged on it. */
  setTarget(id: string, target: number): void {
    this.updateTarget.run(target, id);
  }

  remove(id: string): boolean {
    return this.deleteGoal.run(id).changes > 0;
  }

  saveDay(goalId: string, date: string, target: number, result: DayResult): void {
    this.upsertDay.run(goalId, date, result.status, target, result.value, result.progress);
  }

  days(goalId: string, from: string, to: string): StoredDay[] {
    return this.daysOf.all(goalId, from, to).map(toDay);
  }

  day(goalId: string, date: string): StoredDay | undefined {
    const row = this.dayOf.get(goalId, date);
    return row === undefined ? undefined : toDay(row);
  }

  /** Days met by all of a person's goals. */
  daysMet(personId: string): number {
    return this.metCount.get(personId) ?? 0;
  }

  /** The person's goal of this template, if they have one (one each). */
  ofTemplate(personId: string, template: GoalTemplateId): Goal | undefined {
    const row = this.byTemplate.get(personId, template);
    return row === undefined ? undefined : toGoal(row);
  }

  /** The person says a day without data was missed all the same (or takes it back); false when the day had data. */
  declareMissed(goalId: string, date: string, missed: boolean): boolean {
    return this.declare.run(missed ? 1 : 0, goalId, date).changes > 0;
  }

  countOf(personIds: readonly string[]): number {
    return this.countPeopleGoals.get(JSON.stringify(personIds)) ?? 0;
  }

  /** With their days (the foreign key cascades). */
  removePeople(personIds: readonly string[]): number {
    return this.removePeopleGoals.run(JSON.stringify(personIds)).changes;
  }
}
