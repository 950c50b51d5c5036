/** HealthQuest's household challenges and who takes part in each. */
import { randomUUID } from 'node:crypto';
import type { Db, MigrationStep } from '../../store/index.js';
import type { ChallengeTemplateId } from './challenge-templates.js';

export const challengeMigration: MigrationStep = (db) =>
  db.exec(`
    CREATE TABLE healthquest_challenge (
      id TEXT PRIMARY KEY,
      template TEXT NOT NULL,
      target REAL NOT NULL,
      first_date TEXT NOT NULL,
      last_date TEXT NOT NULL,
      created INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE healthquest_challenge_member (
      challenge_id TEXT NOT NULL REFERENCES healthquest_challenge (id) ON DELETE CASCADE,
      person_id TEXT NOT NULL,
      PRIMARY KEY (challenge_id, person_id)
    ) STRICT;
    CREATE INDEX healthquest_challenge_member_person ON healthquest_challenge_member (person_id);
  `);

export interface Challenge {
  readonly id: string;
  readonly template: ChallengeTemplateId;
  readonly target: number;
  /** Local dates, both included. */
  readonly firstDate: string;
  readonly lastDate: string;
  readonly created: number;
  readonly personIds: readonly string[];
}

interface ChallengeRow {
  id: string;
  template: string;
  target: number;
  first_date: string;
  last_date: string;
  created: number;
  members: string;
}

const SELECT = `SELECT c.*, (SELECT json_group_array(person_id) FROM (SELECT person_id FROM healthquest_challenge_member WHERE challenge_id = c.id ORDER BY person_id)) AS members FROM healthquest_challenge c`;

export class ChallengeStore {
  private readonly insertChallenge;
  private readonly insertMember;
  private readonly deleteChallenge;
  private readonly byId;
  private readonly everyChallenge;
  private readonly removeMembers;
  private readonly removeUnshared;
  private readonly countMembers;

  constructor(private readonly db: Db) {
    this.insertChallenge = db.prepare<[string, string, number, string, string, number]>(
      'INSERT INTO healthquest_challenge (id, template, target, first_date, last_date, created) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertMember = db.prepare<[string, string]>('INSERT INTO healthquest_challenge_member (challenge_id, person_id) VALUES (?, ?)');
    this.deleteChallenge = db.prepare<[string]>('DELETE FROM healthquest_challenge WHERE id = ?');
    this.byId = db.prepare<[string], ChallengeRow>(`${SELECT} WHERE c.id = ?`);
    this.everyChallenge = db.prepare<[], ChallengeRow>(`${SELECT} ORDER BY c.first_date DESC, c.created DESC`);
    this.removeMembers = db.prepare<[string]>('DELETE FROM healthquest_challenge_member WHERE person_id IN (SELECT value FROM json_each(?))');
    this.removeUnshared = db.prepare('DELETE FROM healthquest_challenge WHERE id NOT IN (SELECT challenge_id FROM healthquest_challenge_member GROUP BY challenge_id HAVING count(*) >= 2)');
    this.countMembers = db.prepare<[string], number>('SELECT count(*) FROM healthquest_challenge_member WHERE person_id IN (SELECT value FROM json_each(?))').pluck();
  }

  add(challenge: Omit<Challenge, 'id'>): Challenge {
    const made: Challenge = { ...challenge, id: `challenge-${randomUUID()}`, personIds: [...challenge.personIds].sort() };
    this.db.transaction(() => {
      this.insertChallenge.run(made.id, made.template, made.target, made.firstDate, made.lastDate, made.created);
      for (const personId of made.personIds) this.insertMember.run(made.id, personId);
    })();
    return made;
  }

  get(id: string): Challenge | undefined {
    const row = this.byId.get(id);
    return row === undefined ? undefined : challengeOf(row);
  }

  all(): Challenge[] {
    return this.everyChallenge.all().map(challengeOf);
  }

  remove(id: string): boolean {
    return this.deleteChallenge.run(id).changes > 0;
  }

  countOf(personIds: readonly string[]): number {
    return this.countMembers.get(JSON.stringify(personIds)) ?? 0;
  }

  /** People leaving the household leave their challenges; one left with fewer than two people is shared no more, and goes. */
  removePeople(personIds: readonly string[]): number {
    return this.db.transaction(() => {
      const left = this.removeMembers.run(JSON.stringify(personIds)).changes;
      this.removeUnshared.run();
      return left;
    })();
  }
}

function challengeOf(row: ChallengeRow): Challenge {
  return {
    id: row.id,
    template: row.template as Challenge['template'],
    target: row.target,
    firstDate: row.first_date,
    lastDate: row.last_date,
    created: row.created,
    personIds: JSON.parse(row.members) as string[],
  };
}
