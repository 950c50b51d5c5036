import type { Db, MigrationStep } from '../store/index.js';
import type { AlertHistoryEntry, AlertHistoryKind, AlertRecord } from './alert-record.js';
import { channelSettingsMigration } from './channel-settings.js';

export const ALERTS_SCHEMA_PART = 'alerts';

export const alertMigrations: readonly MigrationStep[] = [
  (db) =>
    db.exec(`
      CREATE TABLE alert (
        id TEXT PRIMARY KEY,
        dedupe_key TEXT NOT NULL,
        rule TEXT NOT NULL,
        person_id TEXT,
        severity TEXT NOT NULL,
        state TEXT NOT NULL,
        raised_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX alert_open ON alert (state) WHERE state <> 'resolved';
      CREATE INDEX alert_raised ON alert (raised_at);
      CREATE TABLE alert_event (
        id INTEGER PRIMARY KEY,
        alert_id TEXT NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
        ts INTEGER NOT NULL,
        kind TEXT NOT NULL,
        channel TEXT,
        actor TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX alert_event_alert ON alert_event (alert_id, ts);
    `),
  channelSettingsMigration,
];

/** One channel's delivery of an alert, as the dashboard lists it. */
export interface AlertDeliveryLine {
  readonly ts: number;
  readonly channel: string;
  readonly outcome: 'told' | 'failed' | 'no_recipient';
  readonly detail?: string;
}

const DELIVERY_OUTCOMES: Partial<Record<AlertHistoryKind, AlertDeliveryLine['outcome']>> = { notified: 'told', delivery_failed: 'failed', no_recipient: 'no_recipient' };

/** Alerts about the people (a JSON array) or devices (another) given as the two parameters. */
const ABOUT = "person_id IN (SELECT value FROM json_each(?)) OR json_extract(body, '$.deviceId') IN (SELECT value FROM json_each(?))";

interface AlertRow {
  body: string;
}

interface EventRow {
  ts: number;
  kind: AlertHistoryKind;
  channel: string | null;
  actor: string | null;
  detail: string | null;
}

/**
 * Alerts and their history in SQLite. Each change is written at once, in one transaction with its
 * history line: an alert is rare and must survive a power cut more than it must be cheap.
 */
export class AlertStore {
  constructor(private readonly db: Db) {}

  save(alert: AlertRecord, now: number, event?: AlertHistoryEntry): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO alert (id, dedupe_key, rule, person_id, severity, state, raised_at, updated_at, body)
           VALUES (@id, @key, @rule, @personId, @severity, @state, @raisedAt, @now, @body)
           ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, state = excluded.state, updated_at = excluded.updated_at, body = excluded.body`,
        )
        .run({ id: alert.id, key: alert.key, rule: alert.rule, personId: alert.personId ?? null, severity: alert.severity, state: alert.state, raisedAt: alert.raisedAt, now, body: JSON.stringify(alert) });
      if (event !== undefined) this.insertEvent(alert.id, event);
    })();
  }

  note(alertId: string, event: AlertHistoryEntry): void {
    this.insertEvent(alertId, event);
  }

  open(): AlertRecord[] {
    return this.db
      .prepare<[], AlertRow>("SELECT body FROM alert WHERE state <> 'resolved' ORDER BY raised_at")
      .all()
      .map((row) => JSON.parse(row.body) as AlertRecord);
  }

  /** The newest alerts first, open or not. */
  recent(limit: number): AlertRecord[] {
    return this.db
      .prepare<[number], AlertRow>('SELECT body FROM alert ORDER BY raised_at DESC, id LIMIT ?')
      .all(limit)
      .map((row) => JSON.parse(row.body) as AlertRecord);
  }

  byId(id: string): AlertRecord | undefined {
    const row = this.db.prepare<[string], AlertRow>('SELECT body FROM alert WHERE id = ?').get(id);
    return row === undefined ? undefined : (JSON.parse(row.body) as AlertRecord);
  }

  /** The last alert raised for a key, resolved or not (for folding a rule that fires again soon). */
  lastFor(key: string): AlertRecord | undefined {
    const row = this.db.prepare<[string], AlertRow>('SELECT body FROM alert WHERE dedupe_key = ? ORDER BY raised_at DESC LIMIT 1').get(key);
    return row === undefined ? undefined : (JSON.parse(row.body) as AlertRecord);
  }

  history(alertId: string): AlertHistoryEntry[] {
    return this.db
      .prepare<[string], EventRow>('SELECT ts, kind, channel, actor, detail FROM alert_event WHERE alert_id = ? ORDER BY ts, id')
      .all(alertId)
      .map((row) => ({
        ts: row.ts,
        kind: row.kind,
        ...(row.channel !== null ? { channel: row.channel } : {}),
        ...(row.actor !== null ? { actor: row.actor } : {}),
        ...(row.detail !== null ? { detail: row.detail } : {}),
      }));
  }

  /** What the loud channels did with an alert, oldest first: told, failed, or no one to tell. */
  deliveries(alertId: string): AlertDeliveryLine[] {
    return this.db
      .prepare<[string], EventRow>("SELECT ts, kind, channel, actor, detail FROM alert_event WHERE alert_id = ? AND kind IN ('notified', 'delivery_failed', 'no_recipient') AND channel IS NOT NULL ORDER BY ts, id")
      .all(alertId)
      .map((row) => ({ ts: row.ts, channel: row.channel ?? '', outcome: DELIVERY_OUTCOMES[row.kind] ?? 'told', ...(row.detail !== null ? { detail: row.detail } : {}) }));
  }

  /**
   * Deletes the alerts about some people or devices, open or not, with their history (inside the
   * caller's transaction, if any); returns how many.
   */
  removeAbout(personIds: readonly string[], deviceIds: readonly string[]): number {
    return this.db.prepare<[string, string]>(`DELETE FROM alert WHERE ${ABOUT}`).run(JSON.stringify(personIds), JSON.stringify(deviceIds)).changes;
  }

  /** How many alerts, open or not, are about some people or devices. */
  countAbout(personIds: readonly string[], deviceIds: readonly string[]): number {
    return this.db.prepare<[string, string], number>(`SELECT count(*) FROM alert WHERE ${ABOUT}`).pluck().get(JSON.stringify(personIds), JSON.stringify(deviceIds)) ?? 0;
  }

  /**
   * What happened to a person's alerts before `before`, newest first: each raise, clearing,
   * acknowledgement and resolution, with the alert as it is now (its title, severity, who acknowledged it).
   */
  personEvents(personId: string, before: number, limit: number): { readonly event: AlertHistoryEntry; readonly alert: AlertRecord }[] {
    return this.db
      .prepare<[string, number, number], EventRow & { body: string }>(
        `SELECT e.ts, e.kind, e.channel, e.actor, e.detail, a.body FROM alert_event e JOIN alert a ON a.id = e.alert_id
         WHERE a.person_id = ? AND e.kind IN ('raised', 'cleared', 'acknowledged', 'resolved') AND e.ts < ?
         ORDER BY e.ts DESC, e.id DESC LIMIT ?`,
      )
      .all(personId, before, limit)
      .map((row) => ({
        event: { ts: row.ts, kind: row.kind, ...(row.channel !== null ? { channel: row.channel } : {}), ...(row.actor !== null ? { actor: row.actor } : {}) },
        alert: JSON.parse(row.body) as AlertRecord,
      }));
  }

  /** Forgets resolved alerts older than `before`, with their history; returns how many. */
  pruneResolved(before: number): number {
    return this.db.prepare("DELETE FROM alert WHERE state = 'resolved' AND updated_at < ?").run(before).changes;
  }

  private insertEvent(alertId: string, event: AlertHistoryEntry): void {
    this.db
      .prepare('INSERT INTO alert_event (alert_id, ts, kind, channel, actor, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(alertId, event.ts, event.kind, event.channel ?? null, event.actor ?? null, event.detail ?? null);
  }
}
