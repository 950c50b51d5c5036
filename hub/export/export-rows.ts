import { isMetricId, metricDefinition, type MetricId } from '../../core/metrics.js';
import type { ReadingFlag, TimestampSource } from '../../core/reading.js';
import { decodeFlags } from '../store/flags.js';
import type { Db } from '../store/index.js';

export interface ExportRow {
  readonly metric: MetricId;
  readonly value: number;
  readonly unit: string;
  readonly ts: number;
  readonly deviceId: string;
  readonly tsSource: TimestampSource;
  readonly flags: readonly ReadingFlag[];
}

export interface ExportRange {
  readonly personId: string;
  /** Inclusive, ms since the epoch. */
  readonly from: number;
  /** Exclusive, ms since the epoch. */
  readonly to: number;
}

const PAGE_ROWS = 2000;

interface SeriesCursor {
  readonly id: number;
  readonly metric: MetricId;
  readonly deviceId: string;
  page: { ts: number; value: number; flags: number }[];
  index: number;
  after: number;
  done: boolean;
}

/**
 * A person's readings in a range, oldest first, read page by page along the sample table's
 * primary key and merged across series. No statement stays open between pages, so the writer
 * keeps committing while a long export streams out.
 */
export function* exportRows(db: Db, range: ExportRange): Generator<ExportRow> {
  const seriesRows = db
    .prepare<[string], { id: number; metric: string; device_id: string }>('SELECT id, metric, device_id FROM series WHERE person_id = ? ORDER BY id')
    .all(range.personId);
  const page = db.prepare<[number, number, number, number], { ts: number; value: number; flags: number }>(
    'SELECT ts, value, flags FROM sample WHERE series_id = ? AND ts > ? AND ts < ? ORDER BY ts LIMIT ?',
  );
  const cursors: SeriesCursor[] = seriesRows
    .filter((s) => isMetricId(s.metric) && metricDefinition(s.metric).kind === 'scalar')
    .map((s) => ({ id: s.id, metric: s.metric as MetricId, deviceId: s.device_id, page: [], index: 0, after: range.from - 1, done: false }));

  const head = (cursor: SeriesCursor): { ts: number; value: number; flags: number } | undefined => {
    if (cursor.index >= cursor.page.length && !cursor.done) {
      cursor.page = page.all(cursor.id, cursor.after, range.to, PAGE_ROWS);
      cursor.index = 0;
      cursor.done = cursor.page.length < PAGE_ROWS;
      const last = cursor.page[cursor.page.length - 1];
      if (last !== undefined) cursor.after = last.ts;
    }
    return cursor.page[cursor.index];
  };

  for (;;) {
    let best: SeriesCursor | undefined;
    let bestTs = Infinity;
    for (const cursor of cursors) {
      const row = head(cursor);
      if (row !== undefined && row.ts < bestTs) {
        best = cursor;
        bestTs = row.ts;
      }
    }
    if (best === undefined) return;
    const row = best.page[best.index];
    best.index += 1;
    if (row === undefined) continue;
    const { flags, tsSource } = decodeFlags(row.flags);
    yield { metric: best.metric, value: row.value, unit: metricDefinition(best.metric).unit, ts: row.ts, deviceId: best.deviceId, tsSource, flags };
  }
}
