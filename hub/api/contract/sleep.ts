import Type, { type Static } from 'typebox';
import { Id, Nullable, ReadonlyList, Time } from './primitives.js';

/** `GET /api/v1/sleep`: a person's sleep sessions that started in [from, to), at most 62 days. */
export const SleepQuery = Type.Object({ personId: Id, from: Time, to: Time }, { additionalProperties: false });
export type SleepQuery = Static<typeof SleepQuery>;

const Span = Type.Object({ start: Time, end: Time }, { additionalProperties: false });

const Desaturation = Type.Object({ start: Time, end: Time, baseline: Type.Number(), nadir: Type.Number() }, { additionalProperties: false });

/** The night's oxygen, when an oximeter was worn: indexes per hour of valid recording. */
const SleepOxygen = Type.Object(
  {
    validMinutes: Type.Number(),
    excludedMinutes: Type.Number(),
    odi3: Nullable(Type.Number()),
    odi4: Nullable(Type.Number()),
    t90Minutes: Type.Number(),
    /** Minutes below 88 %, added up; absent for nights analysed before it was counted. */
    t88Minutes: Type.Optional(Type.Number()),
    lowest: Nullable(Type.Number()),
    mean: Nullable(Type.Number()),
    /** Falls of 3 % or more, to mark on the chart. */
    events: ReadonlyList(Desaturation),
  },
  { additionalProperties: false },
);

/**
 * A night's breathing screened from a chest strap's RR by the apnea-rr model: a screening aid, not
 * a diagnosis. The estimate is null with under an hour of clean RR.
 */
const SleepBreathing = Type.Object(
  {
    start: Time,
    end: Time,
    validMinutes: Type.Number(),
    apneaMinutes: Type.Number(),
    estimatedAhi: Nullable(Type.Number()),
    category: Nullable(Type.Union([Type.Literal('normal'), Type.Literal('mild'), Type.Literal('moderate'), Type.Literal('severe')])),
    /** The model's version. */
    model: Type.String(),
  },
  { additionalProperties: false },
);

const ScorePart = Type.Object(
  {
    name: Type.Union([Type.Literal('duration'), Type.Literal('regularity'), Type.Literal('awakenings'), Type.Literal('resting_heart_rate')]),
    score: Type.Number(),
    weight: Type.Number(),
    /** What the part saw, in words. */
    detail: Type.String(),
  },
  { additionalProperties: false },
);

export const SleepSessionAnswer = Type.Object(
  {
    personId: Id,
    start: Time,
    end: Time,
    kind: Type.Union([Type.Literal('night'), Type.Literal('nap')]),
    /** The night it belongs to, a local date. */
    night: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    source: Type.Union([Type.Literal('inferred'), Type.Literal('imported')]),
    /** The data begins or ends inside it. */
    partial: Type.Boolean(),
    asleepMinutes: Type.Number(),
    awake: ReadonlyList(Span),
    awakenings: Type.Integer(),
    efficiency: Type.Number(),
    restingHeartRate: Nullable(Type.Number()),
    oxygen: Nullable(SleepOxygen),
    score: Type.Object({ score: Type.Number(), parts: ReadonlyList(ScorePart) }, { additionalProperties: false }),
    /** Nights only: null until the night is finished and screened, or when no strap was worn. */
    breathing: Type.Optional(Nullable(SleepBreathing)),
  },
  { additionalProperties: false },
);
export type SleepSessionAnswer = Static<typeof SleepSessionAnswer>;

export const SleepAnswer = Type.Object({ sessions: ReadonlyList(SleepSessionAnswer) }, { additionalProperties: false });
export type SleepAnswer = Static<typeof SleepAnswer>;
