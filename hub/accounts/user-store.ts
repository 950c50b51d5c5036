import type { Db } from '../store/index.js';
import type { Clock } from '../../core/clock.js';
import type { CredentialEvents } from './credential-events.js';
import type { Role } from './roles.js';
import { randomId } from './secrets.js';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** The person whose data is this user's own (owner and member). */
  readonly personId?: string;
  /** People a caregiver or viewer was granted. */
  readonly grants: readonly string[];
  readonly createdAt: number;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly personId?: string;
  readonly grants?: readonly string[];
  readonly passwordHash: string;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  person_id: string | null;
  password_hash: string;
  created_at: number;
}

export class UsernameTakenError extends Error {
  constructor() {
    super('that username is already taken');
    this.name = 'UsernameTakenError';
  }
}

/** The household's user accounts and caregiver grants. */
export class UserStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events?: CredentialEvents,
  ) {}

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM account_user').get()?.n ?? 0;
  }

  create(user: NewUser): User {
    const id = randomId('u-');
    const createdAt = this.clock.now();
    try {
      this.db.transaction(() => {
        this.db
          .prepare('INSERT INTO account_user (id, username, display_name, role, person_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(id, user.username, user.displayName, user.role, user.personId ?? null, user.passwordHash, createdAt);
        this.writeGrants(id, user.grants ?? []);
      })();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new UsernameTakenError();
      throw error;
    }
    const created = this.byId(id);
    if (created === undefined) throw new Error('a user just created could not be read back');
    return created;
  }

  /** Creates the first owner only while there is no user at all, atomically; false when one exists. */
  createFirstOwner(user: NewUser): User | undefined {
    return this.db.transaction(() => (this.count() === 0 ? this.create(user) : undefined)).immediate();
  }

  byId(id: string): User | undefined {
    const row = this.db.prepare<[string], UserRow>('SELECT * FROM account_user WHERE id = ?').get(id);
    return row === undefined ? undefined : this.fromRow(row);
  }

  /** The user and the stored hash, for login only. */
  credentialsOf(username: string): { user: User; passwordHash: string } | undefined {
    const row = this.db.prepare<[string], UserRow>('SELECT * FROM account_user WHERE username = ?').get(username);
    return row === undefined ? undefined : { user: this.fromRow(row), passwordHash: row.password_hash };
  }

  list(): User[] {
    return this.db
      .prepare<[], UserRow>('SELECT * FROM account_user ORDER BY created_at, id')
      .all()
      .map((row) => this.fromRow(row));
  }

  setPasswordHash(userId: string, passwordHash: string): boolean {
    return this.db.prepare('UPDATE account_user SET password_hash = ? WHERE id = ?').run(passwordHash, userId).changes > 0;
  }

  setGrants(userId: string, personIds: readonly string[]): void {
    this.db.transaction(() => this.writeGrants(userId, personIds))();
    this.events?.emit({ kind: 'user.changed', userId });
  }

  /**
   * People left the household: every grant to them goes (inside the caller's transaction, if any).
   * Returns the users whose grants changed, for `announceChanged` once the transaction committed.
   */
  removeGrantsTo(personIds: readonly string[]): { readonly grants: number; readonly userIds: readonly string[] } {
    const people = JSON.stringify(personIds);
    const userIds = this.db
      .prepare<[string], string>('SELECT DISTINCT user_id FROM account_grant WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY user_id')
      .pluck()
      .all(people);
    const grants = this.db.prepare<[string]>('DELETE FROM account_grant WHERE person_id IN (SELECT value FROM json_each(?))').run(people).changes;
    return { grants, userIds };
  }

  /** Tells open streams that what these users may see changed. */
  announceChanged(userIds: readonly string[]): void {
    for (const userId of userIds) this.events?.emit({ kind: 'user.changed', userId });
  }

  countOwners(): number {
    return this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM account_user WHERE role = 'owner'").get()?.n ?? 0;
  }

  /** Removes the user with their sessions, tokens and grants. */
  remove(id: string): boolean {
    const removed = this.db.prepare('DELETE FROM account_user WHERE id = ?').run(id).changes > 0;
    if (removed) this.events?.emit({ kind: 'user.removed', userId: id });
    return removed;
  }

  private writeGrants(userId: string, personIds: readonly string[]): void {
    this.db.prepare('DELETE FROM account_grant WHERE user_id = ?').run(userId);
    const insert = this.db.prepare('INSERT OR IGNORE INTO account_grant (user_id, person_id) VALUES (?, ?)');
    for (const personId of personIds) insert.run(userId, personId);
  }

  private fromRow(row: UserRow): User {
    const grants = this.db
      .prepare<[string], { person_id: string }>('SELECT person_id FROM account_grant WHERE user_id = ? ORDER BY person_id')
      .all(row.id)
      .map((g) => g.person_id);
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      ...(row.person_id !== null ? { personId: row.person_id } : {}),
      grants,
      createdAt: row.created_at,
    };
  }
}
