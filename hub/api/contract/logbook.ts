import Type, { type Static } from 'typebox';
import { AlertSeverity } from './alerts.js';
import { DeviceEventKind } from './device-page.js';
import { Metric, Nullable, ReadonlyList, StringEnum } from './primitives.js';

/** A device as a logbook entry names it: the dashboard calls it by its name, else by what it is. */
const LoggedDevice = Type.Object({ id: Type.String(), name: Nullable(Type.String()), kind: Nullable(Type.String()) }, { additionalProperties: false });

/** A measurement taken now and then (a blood pressure, a weighing): the values one device took at one moment. */
export const LogbookMeasurement = Type.Object(
  {
    kind: Type.Literal('measurement'),
    ts: Type.Number(),
    device: LoggedDevice,
    values: ReadonlyList(
      Type.Object({ metric: Metric, value: Type.Number(), unit: Type.String(), flags: ReadonlyList(Type.String()) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

/** An hour of a metric that streams (heart rate, SpO2): its mean, lowest and highest, and how many readings. */
export const LogbookHour = Type.Object(
  {
    kind: Type.Literal('hour'),
    /** The hour's start; the hour under way is summed up so far. */
    ts: Type.Number(),
    metric: Metric,
    unit: Type.String(),
    mean: Type.Number(),
    min: Type.Number(),
    max: Type.Number(),
    count: Type.Number(),
  },
  { additionalProperties: false },
);

/** An alert about the person raised, its condition over, acknowledged (by whom, through what) or closed. */
export const LogbookAlert = Type.Object(
  {
    kind: Type.Literal('alert'),
    ts: Type.Number(),
    alertId: Type.String(),
    change: StringEnum(['raised', 'cleared', 'acknowledged', 'resolved']),
    severity: AlertSeverity,
    title: Type.String(),
    by: Type.Optional(Type.String()),
    via: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** One of the person's devices connected, disconnected, came back or went quiet. */
export const LogbookDeviceEvent = Type.Object(
  { kind: Type.Literal('device'), ts: Type.Number(), device: LoggedDevice, event: DeviceEventKind },
  { additionalProperties: false },
);

/**
 * One line of a person's logbook. The hub keeps no journal of its own today; an app that adds
 * entries (a journal, a medication log) adds its kind here, and the dashboard shows a kind it
 * does not know by its time and name rather than failing.
 */
export const LogbookEntry = Type.Union([LogbookMeasurement, LogbookHour, LogbookAlert, LogbookDeviceEvent]);
export type LogbookEntry = Static<typeof LogbookEntry>;
export type LogbookMeasurement = Static<typeof LogbookMeasurement>;
export type LogbookHour = Static<typeof LogbookHour>;
export type LogbookAlert = Static<typeof LogbookAlert>;
export type LogbookDeviceEvent = Static<typeof LogbookDeviceEvent>;

/** `GET /api/v1/people/:id/logbook?before=&limit=`: newest first; `next` is the `before` of the next page, null on the last. */
export const LogbookPage = Type.Object({ entries: ReadonlyList(LogbookEntry), next: Nullable(Type.Number()) }, { additionalProperties: false });
export type LogbookPage = Static<typeof LogbookPage>;
