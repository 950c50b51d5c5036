import { isMetricId, metricDefinition, type MetricId } from '../../core/metrics.js';
import type { Db } from './database.js';
import { decodeFlags } from './flags.js';
import type { PersonReadingsRequest, StoredReading } from './types.js';

const PAGE_ROWS = 2000;

interface SampleRow {
  ts: number;
  value: number;
  flags: number;
}

interface SeriesCursor {
  readonly id: number;
  readonly metric: MetricId;
  readonly unit: string;
  readonly deviceId: string;
  page: SampleRow[];
  index: number;
  after: number;
  done: boolean;
}

/**
 * A person's scalar readings in a range, oldest first, read page by page along the sample table's
 * primary key and merged across series. No statement stays open between pages, so the writer
 * keeps committing while a long range streams out, and two streams can run side by side.
 */
export class PersonReadings {
  private readonly seriesOf;
  private readonly page;

  constructor(db: Db) {
    this.seriesOf = db.prepare<[string], { id: number; metric: string; device_id: string }>('SELECT id, metric, device_id FROM series WHERE person_id = ? ORDER BY id');
    this.page = db.prepare<[number, number, number, number], SampleRow>('SELECT ts, value, flags FROM sample WHERE series_id = ? AND ts > ? AND ts < ? ORDER BY ts LIMIT ?');
  }

  *readings(request: PersonReadingsRequest): Generator<StoredReading> {
    const cursors: SeriesCursor[] = [];
    for (const s of this.seriesOf.all(request.personId)) {
      if (!isMetricId(s.metric)) continue;
      const definition = metricDefinition(s.metric);
      if (definition.kind !== 'scalar') continue;
      cursors.push({ id: s.id, metric: s.metric, unit: definition.unit, deviceId: s.device_id, page: [], index: 0, after: request.from - 1, done: false });
    }

    const head = (cursor: SeriesCursor): SampleRow | undefined => {
      if (cursor.index >= cursor.page.length && !cursor.done) {
        cursor.page = this.page.all(cursor.id, cursor.after, request.to, PAGE_ROWS);
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
      yield { metric: best.metric, value: row.value, unit: best.unit, ts: row.ts, deviceId: best.deviceId, tsSource, flags };
    }
  }
}
