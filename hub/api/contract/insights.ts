import Type, { type Static } from 'typebox';

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
