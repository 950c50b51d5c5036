import { createHash } from 'node:crypto';
import type { Db } from '../store/index.js';
import type { Clock } from '../../core/clock.js';

export type ConsentPurpose = 'research' | 'backup';
export const CONSENT_PURPOSES: readonly ConsentPurpose[] = ['research', 'backup'];

export interface ConsentEntry {
  readonly seq: number;
  readonly ts: number;
  readonly personId: string;
  readonly purpose: ConsentPurpose;
  readonly granted: boolean;
  /** The user who made the change (their id, never their name). */
  readonly actor: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface ConsentVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** The first entry whose hash or link does not hold. */
  readonly brokenAt?: number;
  readonly reason?: string;
}

const GENESIS = '0'.repeat(64);

interface Row {
  seq: number;
  ts: number;
  person_id: string;
  purpose: string;
  granted: number;
  actor: string;
  prev_hash: string;
  hash: string;
}

function entryHash(e: Omit<ConsentEntry, 'hash'>): string {
  // A fixed field order, so the hash does not depend on how an object happened to be built.
  const canonical = JSON.stringify([e.seq, e.ts, e.personId, e.purpose, e.granted, e.actor, e.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}

function fromRow(row: Row): ConsentEntry {
  return {
    seq: row.seq,
    ts: row.ts,
    personId: row.person_id,
    purpose: row.purpose as ConsentPurpose,
    granted: row.granted === 1,
    actor: row.actor,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Who agreed to what, and when: an append-only, hash-chained log. Consent is off until an entry
 * grants it and stays as the newest entry for that person and purpose says.
 */
export class ConsentLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  record(change: { personId: string; purpose: ConsentPurpose; granted: boolean; actor: string }): ConsentEntry {
    return this.db
      .transaction(() => {
        const last = this.db.prepare<[], Row>('SELECT * FROM relay_consent_log ORDER BY seq DESC LIMIT 1').get();
        const base = { seq: (last?.seq ?? 0) + 1, ts: this.clock.now(), ...change, prevHash: last?.hash ?? GENESIS };
        const entry: ConsentEntry = { ...base, hash: entryHash(base) };
        this.db
          .prepare('INSERT INTO relay_consent_log (seq, ts, person_id, purpose, granted, actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(entry.seq, entry.ts, entry.personId, entry.purpose, entry.granted ? 1 : 0, entry.actor, entry.prevHash, entry.hash);
        return entry;
      })
      .immediate();
  }

  entries(personIds?: readonly string[]): ConsentEntry[] {
    const all = this.db.prepare<[], Row>('SELECT * FROM relay_consent_log ORDER BY seq').all().map(fromRow);
    return personIds === undefined ? all : all.filter((e) => personIds.includes(e.personId));
  }

  /** Whether the newest entry for this person and purpose grants it. */
  granted(personId: string, purpose: ConsentPurpose): boolean {
    return this.grantedSince(personId, purpose) !== undefined;
  }

  /** When the current, unbroken grant began; undefined when consent is not given now. */
  grantedSince(personId: string, purpose: ConsentPurpose): number | undefined {
    const row = this.db
      .prepare<[string, string], Row>('SELECT * FROM relay_consent_log WHERE person_id = ? AND purpose = ? ORDER BY seq DESC LIMIT 1')
      .get(personId, purpose);
    return row !== undefined && row.granted === 1 ? row.ts : undefined;
  }

  /** Recomputes every hash and link; an edited, removed or reordered entry breaks the chain. */
  verify(): ConsentVerification {
    const rows = this.db.prepare<[], Row>('SELECT * FROM relay_consent_log ORDER BY seq').all();
    let prev = GENESIS;
    let expectedSeq = 1;
    for (const row of rows) {
      const entry = fromRow(row);
      if (entry.seq !== expectedSeq) return { ok: false, entries: rows.length, brokenAt: entry.seq, reason: 'an entry is missing before this one' };
      if (entry.prevHash !== prev) return { ok: false, entries: rows.length, brokenAt: entry.seq, reason: 'the link to the previous entry does not match' };
      const { hash, ...rest } = entry;
      if (entryHash(rest) !== hash) return { ok: false, entries: rows.length, brokenAt: entry.seq, reason: 'the entry was changed after it was written' };
      prev = hash;
      expectedSeq++;
    }
    return { ok: true, entries: rows.length };
  }
}
