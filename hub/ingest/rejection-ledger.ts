import type { Database, Statement } from 'better-sqlite3';
import type { RefusalReason } from '../bus/hub-events.js';
import { countedMetric } from './rejection-counter.js';

const DAY = 86_400_000;

/** Schema of the ingest part: rejected readings (and messages refused whole, metric `message`) counted per day, reason and metric. */
export const ingestMigrations: readonly ((db: Database) => void)[] = [
  (db) => {
    db.exec(`CREATE TABLE ingest_rejection (
      day INTEGER NOT NULL,
      reason TEXT NOT NULL,
      metric TEXT NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (day, reason, metric)
    ) STRICT, WITHOUT ROWID`);
  },
];

/**
 * Keeps the rejection counts on disk, whichever way the refused reading or message came in, so
 * that `hearth stats` and a restarted hub still know them. Counts gather in memory and are added to the table in one small transaction now and then.
 */
export class RejectionLedger {
  private readonly pending = new Map<string, { day: number; reason: string; metric: string; count: number }>();
  private readonly upsert: Statement;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO ingest_rejection (day, reason, metric, count) VALUES (@day, @reason, @metric, @count)
       ON CONFLICT(day, reason, metric) DO UPDATE SET count = count + excluded.count`,
    );
  }

  note(ts: number, reason: RefusalReason, metricName: string): void {
    // Names a sender made up are counted together: they must not grow the table.
    const metric = countedMetric(metricName);
    const day = Math.floor(ts / DAY) * DAY;
    const key = `${day}|${reason}|${metric}`;
    const entry = this.pending.get(key);
    if (entry === undefined) this.pending.set(key, { day, reason, metric, count: 1 });
    else entry.count++;
  }

  /** Writes what was counted since the last call. */
  persist(): void {
    if (this.pending.size === 0) return;
    const entries = [...this.pending.values()];
    this.db.transaction(() => {
      for (const entry of entries) this.upsert.run(entry);
    })();
    this.pending.clear();
  }
}

export interface RejectionTotals {
  readonly total: number;
  readonly byReason: Record<string, number>;
  readonly byMetric: Record<string, number>;
}

export function readRejectionTotals(db: Database): RejectionTotals {
  const rows = db.prepare('SELECT reason, metric, SUM(count) AS count FROM ingest_rejection GROUP BY reason, metric').all() as {
    reason: string;
    metric: string;
    count: number;
  }[];
  const byReason: Record<string, number> = {};
  const byMetric: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    total += row.count;
    byReason[row.reason] = (byReason[row.reason] ?? 0) + row.count;
    byMetric[row.metric] = (byMetric[row.metric] ?? 0) + row.count;
  }
  return { total, byReason, byMetric };
}
