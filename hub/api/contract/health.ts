import Type, { type Static } from 'typebox';
import { ReadonlyList } from './primitives.js';

/** Figures a part reports about itself; each part owns its own names. */
const PartFigures = Type.Record(Type.String(), Type.Unknown());

/** `GET /api/v1/health`, open without login: 200 when ok, 503 when degraded, the same body. */
export const HealthReport = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    version: Type.String(),
    uptimeS: Type.Number(),
    /** What is wrong, in sentences for an operator; empty when ok. */
    problems: ReadonlyList(Type.String()),
    store: PartFigures,
    writer: PartFigures,
    ingest: PartFigures,
  },
  { additionalProperties: false },
);
export type HealthReport = Static<typeof HealthReport>;
