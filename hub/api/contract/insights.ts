import Type, { type Static } from 'typebox';
import { Metric, Nullable } from './primitives.js';

/** `GET /api/v1/insights` (each, newest first): what a model tells a person about themselves. */
export const Insight = Type.Object(
  {
    id: Type.String(),
    personId: Type.String(),
    /** The model that raised it (its folder under models/: af-rr, illness-rhr…). */
    model: Type.String(),
    title: Type.String(),
    /** Which measures, against which personal baseline, in words a person can follow. */
    explanation: Type.String(),
    /** The model's score when it was raised (AF probability, illness score). */
    score: Type.Number(),
    /** When the condition was met. */
    ts: Type.Number(),
  },
  { additionalProperties: false },
);
export type Insight = Static<typeof Insight>;

/** `GET /api/v1/insights/outputs`: each derived metric the running models write, and what one of its values is computed from. */
export const ModelOutput = Type.Object(
  {
    metric: Metric,
    /** The model (its folder under models/). */
    model: Type.String(),
    /** A phrase to follow "from": "the intervals between 60 heartbeats". */
    reads: Type.String(),
    /** Where the model calls it (an AF probability of 0.5); null for a model without such a line. */
    threshold: Nullable(Type.Number()),
  },
  { additionalProperties: false },
);
export type ModelOutput = Static<typeof ModelOutput>;
