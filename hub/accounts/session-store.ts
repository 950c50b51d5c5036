import type { Clock } from '../../core/clock.js';
import type { Db } from '../store/index.js';
import type { CredentialEvents } from './credential-events.js';
import { randomSecret, secretHash } from './secrets.js';

export interface SessionLimits {
  /** A session unused this long is over. */
  readonly idleMs: number;
  /** A session is over this long after login, however active; refresh does not extend it. */
  readonly absoluteMs: number;
}

export interface Session {
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface IssuedSession extends Session {
  /** The cookie value: shown once, only its hash is stored. */
  readonly sessionId: string;
}

interface SessionRow {
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen: number;
}

/** Writing last_seen on every request would wear an SD card; a minute of slack is harmless. */
const TOUCH_EVERY_MS = 60_000;

/** Login sessions, kept in SQLite so that a restart of the hub keeps people logged in. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly limits: SessionLimits,
    private readonly events?: CredentialEvents,
  ) {}

  issue(userId: string, createdAt = this.clock.now()): IssuedSession {
    const sessionId = randomSecret();
    const csrfToken = randomSecret();
    const now = this.clock.now();
    this.db
      .prepare('INSERT INTO account_session (id_hash, user_id, csrf_token, created_at, last_seen) VALUES (?, ?, ?, ?, ?)')
      .run(secretHash(sessionId), userId, csrfToken, createdAt, now);
    return { sessionId, userId, csrfToken, createdAt, expiresAt: this.expiry(createdAt, now) };
  }

  /** The live session for a cookie value, noting its use; undefined when unknown or expired. */
  resolve(sessionId: string): Session | undefined {
    const idHash = secretHash(sessionId);
    const row = this.db.prepare<[string], SessionRow>('SELECT user_id, csrf_token, created_at, last_seen FROM account_session WHERE id_hash = ?').get(idHash);
    if (row === undefined) return undefined;
    const now = this.clock.now();
    if (now - row.last_seen >= this.limits.idleMs || now - row.created_at >= this.limits.absoluteMs) {
      this.db.prepare('DELETE FROM account_session WHERE id_hash = ?').run(idHash);
      this.events?.emit({ kind: 'session.ended', sessionHash: idHash });
      return undefined;
    }
    let lastSeen = row.last_seen;
    if (now - row.last_seen >= TOUCH_EVERY_MS) {
      this.db.prepare('UPDATE account_session SET last_seen = ? WHERE id_hash = ?').run(now, idHash);
      lastSeen = now;
    }
    return { userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: this.expiry(row.created_at, lastSeen) };
  }

  /** Replaces a live session by a new id and CSRF token; the old id stops working at once. */
  rotate(sessionId: string): IssuedSession | undefined {
    const session = this.resolve(sessionId);
    if (session === undefined) return undefined;
    this.revoke(sessionId);
    return this.issue(session.userId, session.createdAt);
  }

  revoke(sessionId: string): void {
    const idHash = secretHash(sessionId);
    this.db.prepare('DELETE FROM account_session WHERE id_hash = ?').run(idHash);
    this.events?.emit({ kind: 'session.ended', sessionHash: idHash });
  }

  revokeAllOf(userId: string): void {
    this.db.prepare('DELETE FROM account_session WHERE user_id = ?').run(userId);
    this.events?.emit({ kind: 'user.sessions.ended', userId });
  }

  /** Deletes sessions that can no longer be used. */
  purgeExpired(): number {
    const now = this.clock.now();
    return this.db
      .prepare('DELETE FROM account_session WHERE last_seen <= ? OR created_at <= ?')
      .run(now - this.limits.idleMs, now - this.limits.absoluteMs).changes;
  }

  private expiry(createdAt: number, lastSeen: number): number {
    return Math.min(lastSeen + this.limits.idleMs, createdAt + this.limits.absoluteMs);
  }
}
