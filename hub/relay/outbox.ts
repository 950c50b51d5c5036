import { backoffDelay } from '../../core/backoff.js';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../store/index.js';
import type { Random } from './laplace.js';

export interface OutboxPolicy {
  readonly maxBatches: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export interface OutboxItem {
  readonly seq: number;
  readonly batchId: string;
  readonly body: Buffer;
  readonly attempts: number;
}

export type DeliveryResult = 'delivered' | 'retry' | 'refused';

export interface OutboxStatus {
  readonly queued: number;
  readonly dropped: number;
  readonly refused: number;
  readonly delivered: number;
  readonly nextAttemptAt: number | null;
  readonly lastError: string | null;
}

/**
 * Batches waiting for the relay, on disk, in order. A batch leaves the outbox only once the relay
 * acknowledged it (the relay folds a re-sent batch id once, so a lost acknowledgement costs a
 * resend, never a double count). When full, the oldest batch is dropped and counted: research
 * figures of a year ago matter less than today's, and the box must not fill its card.
 */
export class Outbox {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly policy: OutboxPolicy,
    private readonly random: Random,
  ) {}

  enqueue(batchId: string, body: Buffer): void {
    this.db
      .transaction(() => {
        const queued = this.db.prepare('SELECT count(*) FROM relay_outbox').pluck().get() as number;
        const excess = queued + 1 - this.policy.maxBatches;
        if (excess > 0) {
          this.db.prepare('DELETE FROM relay_outbox WHERE seq IN (SELECT seq FROM relay_outbox ORDER BY seq LIMIT ?)').run(excess);
          this.bump('outbox.dropped', excess);
        }
        const now = this.clock.now();
        this.db.prepare('INSERT INTO relay_outbox (batch_id, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?)').run(batchId, body, now, now);
      })
      .immediate();
  }

  /**
   * Sends every batch that is due, oldest first, and stops at the first that has to wait: while
   * the relay is away there is no point trying the rest, and order is kept.
   */
  async drain(deliver: (item: OutboxItem) => Promise<DeliveryResult>, onError?: (item: OutboxItem, error: unknown) => void): Promise<number> {
    let delivered = 0;
    const next = this.db.prepare<[number], { seq: number; batch_id: string; body: Buffer; attempts: number }>(
      'SELECT seq, batch_id, body, attempts FROM relay_outbox WHERE next_attempt_at <= ? ORDER BY seq LIMIT 1',
    );
    for (;;) {
      const row = next.get(this.clock.now());
      if (row === undefined) return delivered;
      const item: OutboxItem = { seq: row.seq, batchId: row.batch_id, body: row.body, attempts: row.attempts };
      this.noteSent(item);
      let result: DeliveryResult;
      let error: unknown;
      try {
        result = await deliver(item);
      } catch (caught) {
        result = 'retry';
        error = caught;
        onError?.(item, caught);
      }
      if (result === 'delivered') {
        this.db.prepare('DELETE FROM relay_outbox WHERE seq = ?').run(item.seq);
        this.db.prepare('UPDATE relay_sent SET acknowledged_at = ? WHERE batch_id = ?').run(this.clock.now(), item.batchId);
        this.bump('outbox.delivered', 1);
        delivered++;
      } else if (result === 'refused') {
        this.db.prepare('DELETE FROM relay_outbox WHERE seq = ?').run(item.seq);
        this.bump('outbox.refused', 1);
      } else {
        const attempts = item.attempts + 1;
        const at = this.clock.now() + this.retryDelay(attempts);
        const message = error instanceof Error ? error.message : 'the relay did not accept the batch';
        this.db.prepare('UPDATE relay_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE seq = ?').run(attempts, at, message, item.seq);
        return delivered;
      }
    }
  }

  /**
   * Doubling from the base up to the cap, half of it at random so that hubs that lost the relay at
   * the same moment do not all return at once; whole milliseconds, as the outbox stores them.
   */
  private retryDelay(attempts: number): number {
    const policy = { initialMs: this.policy.retryBaseMs, maxMs: this.policy.retryMaxMs, factor: 2, jitter: 0.5 };
    return Math.round(backoffDelay(policy, attempts - 1, this.random));
  }

  status(): OutboxStatus {
    const row = this.db
      .prepare<[], { queued: number; next: number | null }>('SELECT count(*) AS queued, min(next_attempt_at) AS next FROM relay_outbox')
      .get() ?? { queued: 0, next: null };
    const lastError = this.db.prepare('SELECT last_error FROM relay_outbox WHERE last_error IS NOT NULL ORDER BY seq LIMIT 1').pluck().get() as string | undefined;
    return {
      queued: row.queued,
      dropped: this.counter('outbox.dropped'),
      refused: this.counter('outbox.refused'),
      delivered: this.counter('outbox.delivered'),
      nextAttemptAt: row.next,
      lastError: lastError ?? null,
    };
  }

  /** The payloads that left the box, newest first, exactly as sent. */
  sent(limit: number): { batchId: string; firstSentAt: number; acknowledgedAt: number | null; body: string }[] {
    return this.db
      .prepare<[number], { batchId: string; firstSentAt: number; acknowledgedAt: number | null; body: Buffer }>(
        'SELECT batch_id AS batchId, first_sent_at AS firstSentAt, acknowledged_at AS acknowledgedAt, body FROM relay_sent ORDER BY first_sent_at DESC, rowid DESC LIMIT ?',
      )
      .all(limit)
      .map((r) => ({ ...r, body: r.body.toString('utf8') }));
  }

  private noteSent(item: OutboxItem): void {
    this.db.prepare('INSERT INTO relay_sent (batch_id, first_sent_at, body) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(item.batchId, this.clock.now(), item.body);
  }

  private counter(name: string): number {
    return (this.db.prepare('SELECT value FROM relay_counter WHERE name = ?').pluck().get(name) as number | undefined) ?? 0;
  }

  private bump(name: string, by: number): void {
    this.db.prepare('INSERT INTO relay_counter (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value').run(name, by);
  }
}
