import type { AlertState } from '../bus/hub-events.js';
import type { Severity } from './severity.js';

/** The engine's states: 'active' is only ever read from older publishers, never written. */
export type EngineAlertState = Exclude<AlertState, 'active'>;

/** Words of an alert for people: a title for lists, a sentence to speak, the why in full. */
export interface AlertText {
  readonly title: string;
  readonly spoken: string;
  readonly explanation: string;
}

/** One alert with everything its lifecycle has recorded; persisted whole as it changes. */
export interface AlertRecord extends AlertText {
  readonly id: string;
  /** The rule and what it watched (person, device): one open alert per key. */
  readonly key: string;
  readonly rule: string;
  readonly personId?: string;
  readonly deviceId?: string;
  readonly severity: Severity;
  readonly data: Readonly<Record<string, unknown>>;
  readonly state: EngineAlertState;
  readonly raisedAt: number;
  /** Times the condition came back while this alert was open (1 for the first). */
  readonly occurrences: number;
  readonly lastTriggeredAt: number;
  /** Held back by quiet hours: on the dashboard, not yet on the loud channels. */
  readonly held: boolean;
  readonly notifiedAt?: number;
  readonly lastNotifiedAt?: number;
  readonly repeats: number;
  readonly escalatedAt?: number;
  readonly acknowledgedAt?: number;
  readonly acknowledgedBy?: string;
  readonly acknowledgedByUserId?: string;
  readonly acknowledgedVia?: string;
  /** The condition is over; an unacknowledged alert stays open (and repeats) until someone has seen it. */
  readonly conditionClearedAt?: number;
  readonly resolvedAt?: number;
}

export type AlertHistoryKind =
  | 'raised'
  | 'held'
  | 'notified'
  | 'delivery_failed'
  /** A channel, or the escalation, had no one to tell. */
  | 'no_recipient'
  | 'repeated'
  | 'escalated'
  | 'folded'
  | 'cleared'
  | 'acknowledged'
  | 'resolved';

/** One line of an alert's history. `actor` is who acted; `detail` never holds values or names. */
export interface AlertHistoryEntry {
  readonly ts: number;
  readonly kind: AlertHistoryKind;
  readonly channel?: string;
  readonly actor?: string;
  readonly detail?: string;
}

export function isOpen(alert: AlertRecord): boolean {
  return alert.state !== 'resolved';
}

/**
 * Open and not yet acknowledged: the loud channels keep repeating it, even once its condition is
 * over (a dip at 3 a.m. that passed is still something a caregiver must hear of).
 */
export function needsAttention(alert: AlertRecord): boolean {
  return alert.state === 'raised' || alert.state === 'notified';
}

/** An alert as the dashboard and GraphQL see it: the record without the engine's bookkeeping key. */
export type ShownAlert = Omit<AlertRecord, 'key'>;

export function shownAlert(alert: AlertRecord): ShownAlert {
  const { key: _key, ...shown } = alert;
  return shown;
}
