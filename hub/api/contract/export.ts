import Type, { type Static } from 'typebox';
import { Id, StringEnum, Time } from './primitives.js';

/**
 * `GET /api/v1/export`: a person's readings over a range as a download, CSV (the default) or a
 * FHIR bundle (`application/fhir+json`). The answer is a file, not JSON of the API's own.
 */
export const ExportQuery = Type.Object(
  // `format` and `bom` are required here because their defaults fill them in before the handler runs; a client may leave them out.
  {
    personId: Id,
    from: Time,
    to: Time,
    format: StringEnum(['csv', 'fhir'], { default: 'csv' }),
    /** CSV only: start the file with the UTF-8 byte-order mark, which Excel needs to read it as UTF-8. */
    bom: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;
