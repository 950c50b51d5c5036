import Type, { type Static } from 'typebox';
import { Name, Nullable, ReadonlyList, StringEnum } from './primitives.js';

/** A metric's newest reading, in the metric's canonical unit. */
export const LatestValue = Type.Object({ value: Type.Number(), unit: Type.String(), ts: Type.Number() }, { additionalProperties: false });
export type LatestValue = Static<typeof LatestValue>;

/**
 * One end of a person's normal range for a metric, in the canonical unit. `person_rule`: an alert
 * rule as adjusted for this person draws it; `household_rule`: the household's alert rule;
 * `typical`: no alert rule does, so it is the metric's usual range in the catalogue (for adults).
 */
export const RangeLimit = Type.Object(
  {
    value: Type.Number(),
    source: StringEnum(['person_rule', 'household_rule', 'typical']),
    /** The alert rule's id, when an alert rule draws it. */
    rule: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type RangeLimit = Static<typeof RangeLimit>;

/** Values from `low` to `high` (both included) are normal for the person; null where nothing draws that end. */
export const NormalRange = Type.Object({ low: Nullable(RangeLimit), high: Nullable(RangeLimit) }, { additionalProperties: false });
export type NormalRange = Static<typeof NormalRange>;

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

/**
 * `GET /api/v1/people`, `GET /api/v1/people/:id`, `POST /api/v1/people`: a person with their newest
 * readings by metric, and the normal range of each of those metrics that has one.
 */
export const PersonSummary = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    latest: Type.Record(Type.String(), LatestValue),
    ranges: Type.Record(Type.String(), NormalRange),
    devices: ReadonlyList(PersonDeviceSummary),
  },
  { additionalProperties: false },
);
export type PersonSummary = Static<typeof PersonSummary>;

/** `POST /api/v1/people` (owner only). */
export const NewPersonBody = Type.Object({ name: Name, birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })) }, { additionalProperties: false });
export type NewPersonBody = Static<typeof NewPersonBody>;
