import Type, { type Static } from 'typebox';
import { Id, StringEnum, Time } from './primitives.js';

/**
 * `GET /api/v1/export`: a person's readings over a range as a download, CSV (the default) or a
 * FHIR bundle (`application/fhir+json`). The answer is a file, not JSON of the API's own.
 */
export const ExportQuery = Type.Object(
  // `format` is required here because the default fills it in before the handler runs; a client may leave it out.
  { personId: Id, from: Time, to: Time, format: StringEnum(['csv', 'fhir'], { default: 'csv' }) },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;
