import type { Clock } from '../../core/clock.js';
import type { Db } from '../store/index.js';

export interface LoginLimits {
  /** Failures for one username from one address (or one trusted device) within the window that lock that address (or device) out of it. */
  readonly maxFailuresPerUser: number;
  /** Failures from one address within the window, whatever the usernames, that block the address. */
  readonly maxFailuresPerAddress: number;
  /** Failures for one username from all clients without a device cookie that lock those clients out of it. */
  readonly maxUntrustedFailuresPerUser: number;
  readonly windowMs: number;
  /** How long a lock lasts after the failure that set it. */
  readonly lockMs: number;
}

export interface LoginBlock {
  readonly retryAfterMs: number;
  /**
   * `address_locked`: this address guessed this username too often; `address_limited`: this
   * address guessed too often altogether; `untrusted_locked`: clients without a device cookie
   * guessed this username too often; `device_locked`: this trusted device guessed too often.
   */
  readonly reason: 'address_locked' | 'address_limited' | 'untrusted_locked' | 'device_locked';
}

/** One login attempt: who is tried, from where, and the trusted device it comes from, if any. */
export interface LoginAttempt {
  readonly username: string;
  readonly address: string;
  /** The id of a valid device cookie of this username (device-trust.ts). */
  readonly trustedDevice?: string;
}

/** An attempt counted before its password is checked; a right password takes it back. */
export interface Reservation {
  succeeded(): void;
}

export type ReserveOutcome = { readonly ok: true; readonly reservation: Reservation } | { readonly ok: false; readonly block: LoginBlock };

/**
 * Counts failed logins, on disk so that restarting the hub does not reset a lock, following OWASP's
 * "Slow Down Online Guessing Attacks with Device Cookies":
 *
 * - A browser that once logged in as a user holds a device cookie for that user. Its attempts are
 *   counted against that cookie only: a stranger's guesses never lock the household out of the
 *   browsers they use every day.
 * - Attempts without one are untrusted. They are counted per address and username (the guessing
 *   address is locked out of that username, not the account), per address (a scan of many
 *   usernames), and per username over all untrusted clients together, with a higher limit (many
 *   addresses taking turns): only that last lock reaches a new browser of the real user, and it
 *   never reaches a trusted one.
 *
 * Each attempt is counted before the password is checked (scrypt is asynchronous), in the same
 * synchronous step that checks the locks, so concurrent guesses cannot all slip under a limit.
 * Unknown usernames are counted like known ones, so a lock does not tell which usernames exist.
 */
export class LoginLimiter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly limits: LoginLimits,
  ) {}

  /** Refuses the attempt if a lock applies, else counts it as a failure until `succeeded()`. */
  reserve(attempt: LoginAttempt): ReserveOutcome {
    const checks = this.checksFor(attempt);
    for (const check of checks) {
      const retryAfterMs = this.lockedFor(check.key, check.max);
      if (retryAfterMs > 0) return { ok: false, block: { retryAfterMs, reason: check.reason } };
    }
    const now = this.clock.now();
    const insert = this.db.prepare('INSERT INTO login_failure (key, ts) VALUES (?, ?)');
    const rowids = this.db.transaction(() => {
      // Old failures no longer count toward anything.
      this.db.prepare('DELETE FROM login_failure WHERE ts < ?').run(now - this.limits.windowMs - this.limits.lockMs);
      return checks.map((check) => Number(insert.run(check.key, now).lastInsertRowid));
    })();
    return {
      ok: true,
      reservation: {
        succeeded: () => {
          const remove = this.db.prepare('DELETE FROM login_failure WHERE rowid = ?');
          this.db.transaction(() => {
            for (const rowid of rowids) remove.run(rowid);
            // The user's own earlier typos from here stop counting; the address's count and the
            // untrusted count stay, so one good password does not excuse a scan or a siege.
            this.db.prepare('DELETE FROM login_failure WHERE key = ?').run(checks[0]?.key ?? '');
          })();
        },
      },
    };
  }

  private checksFor(attempt: LoginAttempt): { key: string; max: number; reason: LoginBlock['reason'] }[] {
    const user = attempt.username.trim().toLowerCase();
    if (attempt.trustedDevice !== undefined) return [{ key: `device:${attempt.trustedDevice}`, max: this.limits.maxFailuresPerUser, reason: 'device_locked' }];
    return [
      { key: `pair:${attempt.address}|${user}`, max: this.limits.maxFailuresPerUser, reason: 'address_locked' },
      { key: `addr:${attempt.address}`, max: this.limits.maxFailuresPerAddress, reason: 'address_limited' },
      { key: `untrusted:${user}`, max: this.limits.maxUntrustedFailuresPerUser, reason: 'untrusted_locked' },
    ];
  }

  /** How long `key` stays locked: when some run of `max` failures fits in the window, until lockMs after its last. */
  private lockedFor(key: string, max: number): number {
    const now = this.clock.now();
    const since = now - this.limits.windowMs - this.limits.lockMs;
    const times = this.db.prepare<[string, number], { ts: number }>('SELECT ts FROM login_failure WHERE key = ? AND ts >= ? ORDER BY ts').all(key, since).map((r) => r.ts);
    let lockedUntil = 0;
    for (let i = max - 1; i < times.length; i++) {
      const last = times[i] ?? 0;
      const first = times[i - max + 1] ?? 0;
      if (last - first <= this.limits.windowMs) lockedUntil = Math.max(lockedUntil, last + this.limits.lockMs);
    }
    return Math.max(0, lockedUntil - now);
  }
}
