import type { PersonReadingsRequest, StoredReading, StoreQuery } from '../store/index.js';

/** One row of an export: a kept reading with the device that took it. */
export type ExportRow = StoredReading;

/** Whose readings and when: from inclusive, to exclusive, ms since the epoch. */
export type ExportRange = PersonReadingsRequest;

/**
 * A person's readings in a range, oldest first, merged across their devices. Streamed from the
 * store page by page, so the writer keeps committing while a long export goes out.
 */
export function exportRows(query: StoreQuery, range: ExportRange): Iterable<ExportRow> {
  return query.readingsOf(range);
}
