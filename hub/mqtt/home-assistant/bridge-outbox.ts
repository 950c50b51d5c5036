import type { Database, Statement } from 'better-sqlite3';
import type { MigrationStep } from '../../store/index.js';

/** What is queued: alerts are kept longest, live readings are the first to go when the queue is full. */
export type OutboxKind = 'alert' | 'reading';

export interface OutboxMessage {
  readonly id: number;
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

export const outboxMigration: MigrationStep = (db) =>
  db.exec(`CREATE TABLE mqtt_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    retain INTEGER NOT NULL,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT`);

/**
 * Messages for a remote broker, kept on disk until the broker acknowledges them, so that neither
 * its absence nor a restart of the hub loses them. Bounded: past `maxMessages` the oldest readings
 * are dropped first, then the oldest of anything.
 */
export class BridgeOutbox {
  private readonly insert: Statement;
  private readonly selectBatch: Statement;
  private readonly deleteOne: Statement;
  private readonly trimKind: Statement;
  private readonly trimAny: Statement;
  private count: number;
  private droppedCount = 0;

  constructor(
    private readonly db: Database,
    private readonly maxMessages: number,
  ) {
    this.insert = db.prepare('INSERT INTO mqtt_outbox (topic, payload, retain, kind, created_at) VALUES (?, ?, ?, ?, ?)');
    this.selectBatch = db.prepare('SELECT id, topic, payload, retain FROM mqtt_outbox ORDER BY id LIMIT ?');
    this.deleteOne = db.prepare('DELETE FROM mqtt_outbox WHERE id = ?');
    this.trimKind = db.prepare("DELETE FROM mqtt_outbox WHERE id IN (SELECT id FROM mqtt_outbox WHERE kind = 'reading' ORDER BY id LIMIT ?)");
    this.trimAny = db.prepare('DELETE FROM mqtt_outbox WHERE id IN (SELECT id FROM mqtt_outbox ORDER BY id LIMIT ?)');
    this.count = (db.prepare('SELECT COUNT(*) AS n FROM mqtt_outbox').get() as { n: number }).n;
  }

  /** Queues messages in one transaction. */
  add(messages: readonly { topic: string; payload: string; retain: boolean; kind: OutboxKind }[], now: number): void {
    if (messages.length === 0) return;
    this.db.transaction(() => {
      for (const m of messages) this.insert.run(m.topic, m.payload, m.retain ? 1 : 0, m.kind, now);
      this.count += messages.length;
      if (this.count > this.maxMessages) {
        let excess = this.count - this.maxMessages;
        const trimmed = this.trimKind.run(excess).changes;
        excess -= trimmed;
        const more = excess > 0 ? this.trimAny.run(excess).changes : 0;
        this.count -= trimmed + more;
        this.droppedCount += trimmed + more;
      }
    })();
  }

  oldest(limit: number): OutboxMessage[] {
    return (this.selectBatch.all(limit) as { id: number; topic: string; payload: string; retain: number }[]).map((r) => ({ id: r.id, topic: r.topic, payload: r.payload, retain: r.retain === 1 }));
  }

  /** Removes messages the broker acknowledged. */
  remove(ids: readonly number[]): void {
    this.db.transaction(() => {
      for (const id of ids) this.count -= this.deleteOne.run(id).changes;
    })();
  }

  get size(): number {
    return this.count;
  }

  get dropped(): number {
    return this.droppedCount;
  }
}
