import Type, { type Static } from 'typebox';
import { Name, Nullable, ReadonlyList } from './primitives.js';

/** A metric's newest reading, in the metric's canonical unit. */
export const LatestValue = Type.Object({ value: Type.Number(), unit: Type.String(), ts: Type.Number() }, { additionalProperties: false });
export type LatestValue = Static<typeof LatestValue>;

/** A device as a person's card lists it. */
export const PersonDeviceSummary = Type.Object(
  {
    id: Type.String(),
    name: Nullable(Type.String()),
    kind: Nullable(Type.String()),
    battery: Nullable(Type.Number()),
    lastSeen: Type.Number(),
    lastReadingAt: Nullable(Type.Number()),
  },
  { additionalProperties: false },
);
export type PersonDeviceSummary = Static<typeof PersonDeviceSummary>;

/** `GET /api/v1/people`, `GET /api/v1/people/:id`, `POST /api/v1/people`: a person with their newest readings by metric. */
export const PersonSummary = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    latest: Type.Record(Type.String(), LatestValue),
    devices: ReadonlyList(PersonDeviceSummary),
  },
  { additionalProperties: false },
);
export type PersonSummary = Static<typeof PersonSummary>;

/** `POST /api/v1/people` (owner only). */
export const NewPersonBody = Type.Object({ name: Name, birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })) }, { additionalProperties: false });
export type NewPersonBody = Static<typeof NewPersonBody>;
