import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import type { MigrationStep } from '../store/index.js';

/** Which credential a persistent session (a client id connected with clean session off) belongs to. */
export const sessionOwnerMigration: MigrationStep = (db) =>
  db.exec(`CREATE TABLE mqtt_session_owner (
    client_id TEXT PRIMARY KEY,
    credential TEXT NOT NULL,
    bound_at INTEGER NOT NULL,
    used_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX mqtt_session_owner_credential ON mqtt_session_owner (credential, used_at)`);

/** Forgets the sessions of a credential that is removed (same transaction as the removal). */
export function forgetSessionsOf(db: Database, credential: string): void {
  db.prepare('DELETE FROM mqtt_session_owner WHERE credential = ?').run(credential);
}

export type ClientIdClaim =
  | {
      readonly ok: true;
      /** No one held this id: whatever session state the broker still has for it is a leftover to wipe first. */
      readonly fresh: boolean;
      /** This credential's oldest idle sessions, given up to stay within its limit: wipe them. */
      readonly evicted: readonly string[];
    }
  | { readonly ok: false; readonly heldBy: 'connection' | 'session' };

interface OwnerRow {
  credential: string;
}

/**
 * A client id belongs to the credential that first used it: while that credential is connected
 * with it, and for as long as it keeps a persistent session under it. Another credential using it
 * is refused, so no one can kick a device off by taking its id, or resume someone else's session
 * and receive what was queued for them. Persistent sessions are kept on disk, at most
 * `maxSessionsPerCredential` per credential (the least recently used idle one goes first).
 */
export class ClientIdOwners {
  private readonly live = new Map<string, { readonly credential: string; readonly holder: object }>();
  private readonly ownerOf: Statement;
  private readonly insert: Statement;
  private readonly touch: Statement;
  private readonly remove: Statement;
  private readonly sessionsOf: Statement;

  constructor(
    db: Database,
    private readonly clock: Clock,
    private readonly maxSessionsPerCredential: number,
  ) {
    this.ownerOf = db.prepare('SELECT credential FROM mqtt_session_owner WHERE client_id = ?');
    this.insert = db.prepare('INSERT INTO mqtt_session_owner (client_id, credential, bound_at, used_at) VALUES (?, ?, ?, ?)');
    this.touch = db.prepare('UPDATE mqtt_session_owner SET used_at = ? WHERE client_id = ?');
    this.remove = db.prepare('DELETE FROM mqtt_session_owner WHERE client_id = ?');
    this.sessionsOf = db.prepare('SELECT client_id FROM mqtt_session_owner WHERE credential = ? ORDER BY used_at DESC, client_id');
  }

  /**
   * Claims `clientId` for `credential`'s new connection (`holder`, released with `release`). With
   * `persistent` its session is kept for it; without, a session it had is discarded (clean session).
   */
  claim(clientId: string, credential: string, persistent: boolean, holder: object): ClientIdClaim {
    const connected = this.live.get(clientId);
    if (connected !== undefined && connected.credential !== credential) return { ok: false, heldBy: 'connection' };
    const row = this.ownerOf.get(clientId) as OwnerRow | undefined;
    if (row !== undefined && row.credential !== credential) return { ok: false, heldBy: 'session' };
    const now = this.clock.now();
    let evicted: string[] = [];
    if (!persistent) {
      if (row !== undefined) this.remove.run(clientId);
    } else if (row !== undefined) {
      this.touch.run(now, clientId);
    } else {
      this.insert.run(clientId, credential, now, now);
      evicted = this.evictBeyondLimit(credential, clientId);
    }
    this.live.set(clientId, { credential, holder });
    return { ok: true, fresh: persistent && row === undefined && connected === undefined, evicted };
  }

  /** The connection `holder` is gone; a newer connection of the same credential keeps the id. */
  release(clientId: string, holder: object): void {
    if (this.live.get(clientId)?.holder === holder) this.live.delete(clientId);
  }

  /** Whether `credential` holds `clientId` by a connection now (a reconnect replaces it, not adds). */
  connectedAs(clientId: string, credential: string): boolean {
    return this.live.get(clientId)?.credential === credential;
  }

  /** Whether anyone still owns the session under `clientId` (connected or on disk). */
  owned(clientId: string): boolean {
    return this.live.has(clientId) || this.ownerOf.get(clientId) !== undefined;
  }

  /** Authenticated connections now. */
  get connections(): number {
    return this.live.size;
  }

  private evictBeyondLimit(credential: string, keep: string): string[] {
    const ids = (this.sessionsOf.all(credential) as { client_id: string }[]).map((r) => r.client_id);
    const evicted: string[] = [];
    let kept = 0;
    for (const id of ids) {
      if (id === keep || this.live.has(id) || kept < this.maxSessionsPerCredential - 1) {
        if (id !== keep) kept++;
        continue;
      }
      this.remove.run(id);
      evicted.push(id);
    }
    return evicted;
  }
}
