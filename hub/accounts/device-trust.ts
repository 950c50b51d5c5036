import type { Clock } from '../../core/clock.js';
import type { Db } from '../store/index.js';
import { randomSecret, secretHash } from './secrets.js';

/** Devices one user keeps trusted; the oldest is forgotten beyond this (a phone, a laptop, a wall tablet, their replacements…). */
const MAX_DEVICES_PER_USER = 20;

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * logged in as a user gets a random secret bound to that user. When it logs in again, its attempts
 * are counted against that cookie alone, so the account's holder keeps a way in that no stranger's
 * guesses can lock (login-limiter.ts). Only a hash is stored, like session ids.
 */
export class DeviceTrust {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
  ) {}

  /** A new device cookie for the user: shown once, as the cookie's value. */
  issue(userId: string): string {
    const secret = randomSecret();
    const now = this.clock.now();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO account_device (id_hash, user_id, created_at) VALUES (?, ?, ?)').run(secretHash(secret), userId, now);
      this.db
        .prepare('DELETE FROM account_device WHERE user_id = ? AND id_hash NOT IN (SELECT id_hash FROM account_device WHERE user_id = ? ORDER BY created_at DESC LIMIT ?)')
        .run(userId, userId, MAX_DEVICES_PER_USER);
    })();
    return secret;
  }

  /**
   * The id under which a device cookie's attempts are counted, when it is a live cookie of this
   * user; undefined for anything else (unknown, expired, another user's), which is then untrusted.
   */
  trustedId(cookie: string | undefined, userId: string | undefined): string | undefined {
    if (cookie === undefined || cookie === '' || userId === undefined) return undefined;
    const idHash = secretHash(cookie);
    const row = this.db.prepare<[string], { user_id: string; created_at: number }>('SELECT user_id, created_at FROM account_device WHERE id_hash = ?').get(idHash);
    if (row === undefined || row.user_id !== userId) return undefined;
    if (this.clock.now() - row.created_at >= this.maxAgeMs) {
      this.db.prepare('DELETE FROM account_device WHERE id_hash = ?').run(idHash);
      return undefined;
    }
    return idHash;
  }

  /** Replaces a used cookie by a new one, as OWASP advises after each successful login. */
  rotate(trustedId: string | undefined, userId: string): string {
    if (trustedId !== undefined) this.db.prepare('DELETE FROM account_device WHERE id_hash = ?').run(trustedId);
    return this.issue(userId);
  }

  /** Forgets every device of a user: for a changed password, so an old browser is a stranger again. */
  forgetAllOf(userId: string): void {
    this.db.prepare('DELETE FROM account_device WHERE user_id = ?').run(userId);
  }
}
