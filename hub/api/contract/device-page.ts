import Type, { type Static } from 'typebox';
import { DeviceSummary } from './devices.js';
import { Metric, Nullable, ReadonlyList } from './primitives.js';
import { SeriesAnswer } from './series.js';

/** What happened to a device's link: connected or disconnected, heard again or gone quiet. */
export const DeviceEventKind = Type.Union([Type.Literal('connected'), Type.Literal('disconnected'), Type.Literal('available'), Type.Literal('unavailable')]);
export type DeviceEventKind = Static<typeof DeviceEventKind>;

export const DeviceEvent = Type.Object({ ts: Type.Number(), kind: DeviceEventKind }, { additionalProperties: false });
export type DeviceEvent = Static<typeof DeviceEvent>;

/** `GET /api/v1/devices/:id/events?before=&limit=`: the device's connection history, newest first. */
export const DeviceEventsPage = Type.Object({ events: ReadonlyList(DeviceEvent), next: Nullable(Type.Number()) }, { additionalProperties: false });
export type DeviceEventsPage = Static<typeof DeviceEventsPage>;

/** A reading as a device's page shows it, in the metric's canonical unit. */
export const DeviceReading = Type.Object({ metric: Metric, value: Type.Number(), unit: Type.String(), ts: Type.Number() }, { additionalProperties: false });
export type DeviceReading = Static<typeof DeviceReading>;

/**
 * `GET /api/v1/devices/:id`: a device with what its list entry says and more: whom it belongs to,
 * what it measures, its newest measurement (battery levels aside), its battery over the last 30
 * days, its signal strength when a radio hears it, its link's newest event, and whether the asker
 * may rename, reassign or forget it.
 */
export const DeviceDetail = Type.Object(
  {
    ...DeviceSummary.properties,
    owner: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false })),
    /** The metrics the hub keeps readings of from it, its battery included. */
    measures: ReadonlyList(Metric),
    /** The newest reading of what it measures, battery levels aside (a battery level when that is all it sends). */
    lastReading: Nullable(DeviceReading),
    batteryHistory: Nullable(SeriesAnswer),
    /** RSSI in dBm of its newest advertisement, and when; null when no radio has heard it since the hub started. */
    signal: Nullable(Type.Object({ rssi: Type.Number(), ts: Type.Number() }, { additionalProperties: false })),
    /** The newest event of its link, as its history lists it; null before the first. */
    connection: Nullable(DeviceEvent),
    canManage: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DeviceDetail = Static<typeof DeviceDetail>;
