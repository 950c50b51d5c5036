import type { Clock } from '../../core/clock.js';
import type { Db } from '../store/index.js';

export interface LoginLimits {
  /** Failures for one username within the window that lock it. */
  readonly maxFailuresPerUser: number;
  /** Failures from one address within the window that block it. */
  readonly maxFailuresPerAddress: number;
  readonly windowMs: number;
  /** How long a username or address stays locked after the failure that locked it. */
  readonly lockMs: number;
}

export interface LoginBlock {
  readonly retryAfterMs: number;
  readonly reason: 'user_locked' | 'address_limited';
}

/**
 * Counts failed logins per username and per client address, on disk so that restarting the hub
 * does not reset a lockout. Unknown usernames are counted like known ones, so that a lockout does
 * not tell an attacker which usernames exist.
 */
export class LoginLimiter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly limits: LoginLimits,
  ) {}

  /** Why a login attempt must be refused now, or undefined when it may go ahead. */
  blocked(username: string, address: string): LoginBlock | undefined {
    const user = this.lockedFor(userKey(username), this.limits.maxFailuresPerUser);
    if (user > 0) return { retryAfterMs: user, reason: 'user_locked' };
    const ip = this.lockedFor(addressKey(address), this.limits.maxFailuresPerAddress);
    if (ip > 0) return { retryAfterMs: ip, reason: 'address_limited' };
    return undefined;
  }

  noteFailure(username: string, address: string): void {
    const now = this.clock.now();
    const insert = this.db.prepare('INSERT INTO login_failure (key, ts) VALUES (?, ?)');
    this.db.transaction(() => {
      insert.run(userKey(username), now);
      insert.run(addressKey(address), now);
      // Old failures no longer count toward anything.
      this.db.prepare('DELETE FROM login_failure WHERE ts < ?').run(now - this.limits.windowMs - this.limits.lockMs);
    })();
  }

  /** A successful login clears the username's failures (not the address's: one good password does not excuse a scan). */
  noteSuccess(username: string): void {
    this.db.prepare('DELETE FROM login_failure WHERE key = ?').run(userKey(username));
  }

  private lockedFor(key: string, max: number): number {
    const now = this.clock.now();
    const since = now - this.limits.windowMs - this.limits.lockMs;
    const times = this.db.prepare<[string, number], { ts: number }>('SELECT ts FROM login_failure WHERE key = ? AND ts >= ? ORDER BY ts').all(key, since).map((r) => r.ts);
    // Locked when some run of `max` failures fits in the window and its last one is recent enough.
    let lockedUntil = 0;
    for (let i = max - 1; i < times.length; i++) {
      const last = times[i] ?? 0;
      const first = times[i - max + 1] ?? 0;
      if (last - first <= this.limits.windowMs) lockedUntil = Math.max(lockedUntil, last + this.limits.lockMs);
    }
    return Math.max(0, lockedUntil - now);
  }
}

function userKey(username: string): string {
  return `user:${username.trim().toLowerCase()}`;
}

function addressKey(address: string): string {
  return `addr:${address}`;
}
