import Type, { type Static } from 'typebox';
import { Id, Metric, Nullable, ReadonlyList, Time } from './primitives.js';

/** The most points a chart may ask for in one answer. */
export const MAX_POINTS = 5000;

/** `GET /api/v1/waveforms`: one person's metric over a range. */
export const RangeQuery = Type.Object({ personId: Id, metric: Metric, from: Time, to: Time }, { additionalProperties: false });
export type RangeQuery = Static<typeof RangeQuery>;

/** `GET /api/v1/series`: a range at no more than `maxPoints` points (1000 when not asked). */
export const SeriesQuery = Type.Object(
  // Required here because the default fills it in before the handler runs; a client may leave it out.
  { ...RangeQuery.properties, maxPoints: Type.Integer({ minimum: 1, maximum: MAX_POINTS, default: 1000 }) },
  { additionalProperties: false },
);
export type SeriesQuery = Static<typeof SeriesQuery>;

/** Raw readings, or rollups of 1 minute, 1 hour or 1 day (in seconds). */
export const SeriesResolution = Type.Union([Type.Literal('raw'), Type.Literal(60), Type.Literal(3600), Type.Literal(86400)]);
export type SeriesResolution = Static<typeof SeriesResolution>;

/** One chart point: a raw reading (count 1, min = max = value) or a bucket's mean, extremes and count. */
export const SeriesPoint = Type.Object(
  { ts: Type.Number(), value: Type.Number(), min: Type.Number(), max: Type.Number(), count: Type.Number() },
  { additionalProperties: false },
);
export type SeriesPoint = Static<typeof SeriesPoint>;

/** `GET /api/v1/series`. `bucketMs` is null when the points are the readings themselves. */
export const SeriesAnswer = Type.Object(
  { metric: Metric, unit: Type.String(), resolution: SeriesResolution, bucketMs: Nullable(Type.Number()), points: ReadonlyList(SeriesPoint) },
  { additionalProperties: false },
);
export type SeriesAnswer = Static<typeof SeriesAnswer>;

/** A run of samples at a fixed rate from one device; `t0` is the first sample's time. */
export const WaveformBlock = Type.Object(
  { deviceId: Type.String(), t0: Type.Number(), rateHz: Type.Number(), samples: ReadonlyList(Type.Number()) },
  { additionalProperties: false },
);
export type WaveformBlock = Static<typeof WaveformBlock>;

/** `GET /api/v1/waveforms`: the blocks of the range, oldest first. */
export const WaveformAnswer = Type.Object({ metric: Metric, unit: Type.String(), blocks: ReadonlyList(WaveformBlock) }, { additionalProperties: false });
export type WaveformAnswer = Static<typeof WaveformAnswer>;
