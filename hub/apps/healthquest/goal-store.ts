/** HealthQuest's own tables: each person's goals, and each goal's judged days. */
import { randomUUID } from 'node:crypto';
import type { Db, MigrationStep } from '../../store/index.js';
import type { DayResult, DayStatus, GoalTemplateId } from './goal-templates.js';
import type { GoalDay } from './streaks.js';

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
      CREATE INDEX healthquest_goal_by_person ON healthquest_goal (person_id);
      CREATE TABLE healthquest_day (
        goal_id TEXT NOT NULL REFERENCES healthquest_goal (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        status TEXT NOT NULL,
        value REAL,
        progress REAL NOT NULL,
        declared_missed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (goal_id, date)
      ) STRICT;
    `),
];

export interface Goal {
  readonly id: string;
  readonly personId: string;
  readonly template: GoalTemplateId;
  readonly target: number;
  readonly created: number;
}

export interface StoredDay extends GoalDay {
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
  value: number | null;
  progress: number;
  declared_missed: number;
}

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
    // A day judged again keeps what the person declared of it.
    this.upsertDay = db.prepare<[string, string, string, number | null, number]>(
      `INSERT INTO healthquest_day (goal_id, date, status, value, progress) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (goal_id, date) DO UPDATE SET status = excluded.status, value = excluded.value, progress = excluded.progress`,
    );
    this.daysOf = db.prepare<[string, string, string], DayRow>('SELECT date, status, value, progress, declared_missed FROM healthquest_day WHERE goal_id = ? AND date >= ? AND date <= ? ORDER BY date');
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

  /** A new target: the days already judged keep their verdict, the next ones are judged on it. */
  setTarget(id: string, target: number): void {
    this.updateTarget.run(target, id);
  }

  remove(id: string): boolean {
    return this.deleteGoal.run(id).changes > 0;
  }

  saveDay(goalId: string, date: string, result: DayResult): void {
    this.upsertDay.run(goalId, date, result.status, result.value, result.progress);
  }

  days(goalId: string, from: string, to: string): StoredDay[] {
    return this.daysOf.all(goalId, from, to).map((row) => ({
      date: row.date,
      status: row.status as DayStatus,
      value: row.value,
      progress: row.progress,
      ...(row.declared_missed === 1 ? { declaredMissed: true } : {}),
    }));
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
