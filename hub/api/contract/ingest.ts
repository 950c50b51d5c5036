import Type, { type Static } from 'typebox';
import { DeviceId, Metric, ReadonlyList, StringEnum, Time } from './primitives.js';

/** `POST /api/v1/ingest/:deviceId`. */
export const IngestParams = Type.Object({ deviceId: DeviceId }, { additionalProperties: false });
export type IngestParams = Static<typeof IngestParams>;

/** One reading pushed by an integration, in the metric's canonical unit; without `ts` the hub's time is used. */
export const IngestReading = Type.Object(
  { metric: Metric, value: Type.Number(), ts: Type.Optional(Time), userSlot: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })) },
  { additionalProperties: false },
);
export type IngestReading = Static<typeof IngestReading>;

/** `POST /api/v1/ingest/:deviceId` (a token with the ingest scope, made by the owner). */
export const IngestBody = Type.Object({ readings: Type.Array(IngestReading, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });
export type IngestBody = Static<typeof IngestBody>;

/** Why the gate refused one reading, by its position in the request's `readings`. */
export const IngestRefusal = Type.Object(
  {
    index: Type.Integer({ minimum: 0 }),
    metric: Type.String(),
    reason: StringEnum(['unknown_metric', 'not_a_number', 'implausible', 'timestamp_in_future', 'timestamp_unknown', 'inconsistent', 'duplicate']),
    detail: Type.String(),
  },
  { additionalProperties: false },
);
export type IngestRefusal = Static<typeof IngestRefusal>;

/** How many readings the ingest gate took (committed to the store before the answer) and refused (implausible, duplicate, inconsistent), and why each refused one was. */
export const IngestOutcome = Type.Object(
  { accepted: Type.Number(), rejected: Type.Number(), refused: Type.Optional(ReadonlyList(IngestRefusal)) },
  { additionalProperties: false },
);
export type IngestOutcome = Static<typeof IngestOutcome>;
