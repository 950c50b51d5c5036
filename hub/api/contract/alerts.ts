import Type, { type Static } from 'typebox';
import { ReadonlyList, StringEnum } from './primitives.js';

export const AlertSeverity = StringEnum(['info', 'warning', 'critical']);
export type AlertSeverity = Static<typeof AlertSeverity>;

/** raised, then notified (told on the loud channels), acknowledged by someone, resolved when over and seen. */
export const AlertState = StringEnum(['raised', 'notified', 'acknowledged', 'resolved']);
export type AlertState = Static<typeof AlertState>;

/** What happened to an alert, as the live socket tells it. */
export const AlertChange = StringEnum(['raised', 'notified', 'repeated', 'escalated', 'folded', 'cleared', 'acknowledged', 'resolved']);
export type AlertChange = Static<typeof AlertChange>;

const optionalTime = Type.Optional(Type.Number());

/**
 * What one loud channel did with an alert: told someone, failed (after its retries), or had no one
 * to tell (no push address set up, no caregiver to escalate to). `channel` is the channel's name
 * (mqtt, speech, webhook, escalation); `detail` says which delivery and why, never a value.
 */
export const AlertDelivery = Type.Object(
  { ts: Type.Number(), channel: Type.String(), outcome: StringEnum(['told', 'failed', 'no_recipient']), detail: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type AlertDelivery = Static<typeof AlertDelivery>;

/** The alert fields the alerts engine shows: everything its lifecycle records but its own dedup key. */
const alertFields = {
  id: Type.String(),
  /** The rule that raised it (`spo2_low`, `device_silent`…). */
  rule: Type.String(),
  /** Absent for household-wide alerts (a device, the hub). */
  personId: Type.Optional(Type.String()),
  deviceId: Type.Optional(Type.String()),
  severity: AlertSeverity,
  title: Type.String(),
  spoken: Type.String(),
  explanation: Type.String(),
  /** The values the rule saw, by the rule's own names. */
  data: Type.Record(Type.String(), Type.Unknown()),
  state: AlertState,
  raisedAt: Type.Number(),
  /** Times the condition came back while the alert was open (1 for the first). */
  occurrences: Type.Number(),
  lastTriggeredAt: Type.Number(),
  /** Held back by quiet hours: on the dashboard, not yet on the loud channels. */
  held: Type.Boolean(),
  notifiedAt: optionalTime,
  lastNotifiedAt: optionalTime,
  repeats: Type.Number(),
  escalatedAt: optionalTime,
  acknowledgedAt: optionalTime,
  /** The display name of who acknowledged it. */
  acknowledgedBy: Type.Optional(Type.String()),
  acknowledgedByUserId: Type.Optional(Type.String()),
  /** dashboard, api, graphql, mqtt… */
  acknowledgedVia: Type.Optional(Type.String()),
  conditionClearedAt: optionalTime,
  resolvedAt: optionalTime,
};

/** `GET /api/v1/alerts` (each, with what each channel did), `POST /api/v1/alerts/:id/ack`. */
export const Alert = Type.Object({ ...alertFields, deliveries: Type.Optional(ReadonlyList(AlertDelivery)) }, { additionalProperties: false });
export type Alert = Static<typeof Alert>;

/** An alert as the live socket sends it: with what just happened to it. */
export const ChangedAlert = Type.Object({ ...alertFields, change: AlertChange }, { additionalProperties: false });
export type ChangedAlert = Static<typeof ChangedAlert>;

/** `GET /api/v1/alerts`: open alerts (the default), or every recent one. */
export const AlertsQuery = Type.Object(
  // Required here because the default fills it in before the handler runs; a client may leave it out.
  { state: StringEnum(['open', 'all'], { default: 'open' }) },
  { additionalProperties: false },
);
export type AlertsQuery = Static<typeof AlertsQuery>;
