import type { MetricId } from '../../core/metrics.js';
import type { Reading, WaveformBlock } from '../../core/reading.js';
import type { EventBus } from './event-bus.js';

export type RejectionReason =
  | 'unknown_metric'
  | 'not_a_number'
  | 'implausible'
  | 'timestamp_in_future'
  | 'timestamp_unknown'
  | 'inconsistent'
  | 'duplicate';

/**
 * Why a whole message or packet was refused before the gate could judge its readings: it did not
 * parse, did not decode, was too large, or its sender had no right to send it.
 */
export type MessageRefusalReason =
  | 'malformed_json'
  | 'invalid_payload'
  | 'wrong_unit'
  | 'too_many_readings'
  | 'oversized'
  | 'undecodable'
  | 'not_authorized'
  | 'retained_limit'
  | 'store_failed';

/** Every reason the ingest counts: a reading the gate refused, or a message refused whole. */
export type RefusalReason = RejectionReason | MessageRefusalReason;

/** `metric` of a refusal that concerned a whole message rather than one reading. */
export const WHOLE_MESSAGE = 'message';

export interface ReadingRejected {
  /** The device, or for a message refused before it named one, the sender (credential, address). */
  readonly deviceId: string;
  /** The catalogue metric, `unknown` for a name outside it, `message` (WHOLE_MESSAGE) for a whole message. */
  readonly metric: string;
  readonly reason: RefusalReason;
  readonly detail: string;
}

export interface DeviceStatusEvent {
  readonly deviceId: string;
  readonly code: string;
  readonly message: string;
  readonly ts: number;
}

export interface DeviceAvailabilityEvent {
  readonly deviceId: string;
  readonly available: boolean;
  readonly ts: number;
}

/** A link to a device was made or ended (a Bluetooth connection, the simulated household starting or stopping). */
export interface DeviceConnectionEvent {
  readonly deviceId: string;
  readonly connected: boolean;
  readonly ts: number;
}

/** A device heard while scanning (during a pairing window, or a new device at any time). */
export interface DeviceDiscoveredEvent {
  readonly deviceId: string;
  readonly name?: string;
  /** The driver that matched it, if any. */
  readonly driver?: string;
  readonly rssi?: number;
  readonly transport: 'ble' | 'serial' | 'mqtt' | 'sim';
  readonly ts: number;
}

/** The pairing window (like permit-join): while open, sources accept devices they have not met. */
export interface PairingChangedEvent {
  readonly open: boolean;
  /** When an open window closes, ms since the epoch. */
  readonly until?: number;
}

export interface HubStatusEvent {
  readonly ts: number;
  readonly uptimeS: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly eventLoopLagMs: number;
  readonly readingsAccepted: number;
  readonly readingsRejected: number;
}

/**
 * An alert's lifecycle: raised (held back during quiet hours when its severity allows), notified
 * on the loud channels, acknowledged by someone, resolved once its condition has cleared. 'active'
 * is the name earlier publishers used for an open alert.
 */
export type AlertState = 'raised' | 'notified' | 'active' | 'acknowledged' | 'resolved';

/** What happened to the alert that this event reports. */
export type AlertChange = 'raised' | 'notified' | 'repeated' | 'escalated' | 'folded' | 'cleared' | 'acknowledged' | 'resolved';

/**
 * An alert raised, escalated or resolved by the alerts engine: the one way every change reaches the
 * dashboard's live socket, MQTT and integrations, and the hub's speaker. `spoken` is for speakers.
 */
export interface AlertChangedEvent {
  readonly id: string;
  readonly personId?: string;
  readonly severity: 'info' | 'warning' | 'critical';
  readonly title: string;
  readonly spoken: string;
  readonly explanation: string;
  readonly state: AlertState;
  readonly ts: number;
  readonly change?: AlertChange;
  /** The rule that raised it (`spo2_low`, `device_silent`…). */
  readonly rule?: string;
  readonly deviceId?: string;
  readonly raisedAt?: number;
  readonly acknowledgedAt?: number;
  /** Display name of the account, or the MQTT credential, that acknowledged. */
  readonly acknowledgedBy?: string;
  readonly acknowledgedVia?: string;
  readonly resolvedAt?: number;
  /** The value(s) and times that triggered it. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** How many times the loud channels have repeated it. */
  readonly repeats?: number;
  /** Whether the person's caregivers have been told. */
  readonly escalated?: boolean;
  /**
   * For the dashboard only, not to be said aloud (MQTT, integrations, the speaker): the alert is
   * held by quiet hours, or was raised a moment before it is notified.
   */
  readonly silent?: boolean;
  /**
   * Every field the alerts engine keeps about the alert, as the dashboard lists and shows it. Alerts
   * raised outside the engine (the store alarm) carry none and stay off the dashboard, which could
   * neither list nor acknowledge them.
   */
  readonly record?: AlertRecordFields;
}

/** An alert as the engine keeps it: its id and state, and fields the engine owns. */
export interface AlertRecordFields {
  readonly id: string;
  readonly state: string;
  readonly [field: string]: unknown;
}

/** Someone asked, through a channel, to acknowledge an alert; the alerts engine decides. */
export interface AlertAckRequestedEvent {
  readonly alertId: string;
  /** The credential or account that asked. */
  readonly by: string;
  readonly channel: 'mqtt' | 'api' | 'dashboard';
}

/** The models that raise insights (each one's id under models/). */
export type InsightModel = 'af-rr' | 'illness-rhr';

/** What the models tell a person about themselves: persisted, shown by the API, announced on the bus. */
export interface Insight {
  readonly id: string;
  readonly personId: string;
  /** The model that raised it (its id under models/). */
  readonly model: InsightModel;
  readonly title: string;
  /** Which measures, against which personal baseline, in words a person can follow. */
  readonly explanation: string;
  /** The model's score when it was raised (AF probability, illness score). */
  readonly score: number;
  /** When the condition was met, ms since the epoch, UTC. */
  readonly ts: number;
}

/** Readings taken back after they were stored (a journal entry removed, a dose's record undone). */
export interface ReadingsRemovedEvent {
  readonly personId: string;
  readonly metrics: readonly MetricId[];
  readonly times: readonly number[];
}

/**
 * A reminder at its time: a person's dose of medicine due now. It names the person and the time,
 * never the medicine: it may be said aloud in a room or shown on a screen in the hall.
 */
export interface ReminderDueEvent {
  readonly personId: string;
  readonly kind: 'medicine';
  /** Local time of day, HH:MM. */
  readonly time: string;
  readonly due: number;
  /** Doses due at that time. */
  readonly count: number;
  /** Ready for text-to-speech: "Gran, it is time for your 08:00 medicine." */
  readonly spoken: string;
}

/** Every event of the hub bus and its one payload type. */
export interface HubEvents {
  'reading.accepted': Reading;
  'waveform.accepted': WaveformBlock;
  'reading.rejected': ReadingRejected;
  /** What apps judged from readings (a goal's day) is judged again. */
  'readings.removed': ReadingsRemovedEvent;
  /** Said on the hub's speaker (outside quiet hours) and published on MQTT. */
  'reminder.due': ReminderDueEvent;
  'device.status': DeviceStatusEvent;
  'device.availability': DeviceAvailabilityEvent;
  'device.connection': DeviceConnectionEvent;
  'device.discovered': DeviceDiscoveredEvent;
  'hub.status': HubStatusEvent;
  'alert.changed': AlertChangedEvent;
  'alert.ack.requested': AlertAckRequestedEvent;
  'pairing.changed': PairingChangedEvent;
  /** A model's finding about a person (AF episode, illness warning), already persisted. */
  'insight.raised': Insight;
}

export type HubBus = EventBus<HubEvents>;
