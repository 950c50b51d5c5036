import { isMetricId, metricDefinition, type MetricId } from '../../core/metrics.js';
import type { Db } from './database.js';
import { decodeFlags } from './flags.js';
import type { HourSummary, Measurement, NewestFirst, NewestFirstRequest } from './types.js';

interface PersonSeries {
  readonly id: number;
  readonly metric: MetricId;
  readonly deviceId: string;
}

/** Which of a person's series (a device's metric) a read takes. */
export type SeriesChoice = (series: { readonly metric: MetricId; readonly deviceId: string }) => boolean;

interface Fetched<Row> {
  readonly series: PersonSeries;
  readonly rows: readonly Row[];
}

/**
 * Below this time some of the series may hold rows that were not read: the oldest row read from
 * each series that filled its limit, the newest of those. Everything newer was read whole.
 */
function floorOf(fetched: readonly Fetched<{ ts: number }>[], limit: number): number | null {
  let floor: number | null = null;
  for (const { rows } of fetched) {
    const last = rows[rows.length - 1];
    if (rows.length >= limit && last !== undefined && (floor === null || last.ts > floor)) floor = last.ts;
  }
  return floor;
}

/**
 * A person's readings for their logbook, newest first, each series read backwards along its
 * primary key (a few rows each, however long the history): measurements taken now and then,
 * one entry per device and moment, and hours of the metrics that stream, from the hour rollups.
 */
export class PersonLogbook {
  private readonly seriesOf;
  private readonly samplesBefore;
  private readonly hoursBefore;

  constructor(db: Db) {
    this.seriesOf = db.prepare<[string], { id: number; metric: string; device_id: string }>('SELECT id, metric, device_id FROM series WHERE person_id = ? ORDER BY id');
    this.samplesBefore = db.prepare<[number, number, number], { ts: number; value: number; flags: number }>(
      'SELECT ts, value, flags FROM sample WHERE series_id = ? AND ts < ? ORDER BY ts DESC LIMIT ?',
    );
    this.hoursBefore = db.prepare<[number, number, number], { ts: number; count: number; sum: number; min: number; max: number }>(
      'SELECT bucket AS ts, count, sum, min, max FROM rollup WHERE series_id = ? AND resolution = 3600 AND bucket < ? ORDER BY bucket DESC LIMIT ?',
    );
  }

  /** The person's measurements in the chosen series, the values a device took at one moment together (a blood pressure's three). */
  measurements(personId: string, choose: SeriesChoice, request: NewestFirstRequest): NewestFirst<Measurement> {
    const fetched = this.series(personId, choose).map((series) => ({ series, rows: this.samplesBefore.all(series.id, request.before, request.limit) }));
    const floor = floorOf(fetched, request.limit);
    const byMoment = new Map<string, { ts: number; deviceId: string; values: Measurement['values'][number][] }>();
    for (const { series, rows } of fetched) {
      for (const row of rows) {
        if (floor !== null && row.ts <= floor) break;
        const key = `${row.ts} ${series.deviceId}`;
        let entry = byMoment.get(key);
        if (entry === undefined) {
          entry = { ts: row.ts, deviceId: series.deviceId, values: [] };
          byMoment.set(key, entry);
        }
        entry.values.push({ metric: series.metric, value: row.value, unit: metricDefinition(series.metric).unit, flags: decodeFlags(row.flags).flags });
      }
    }
    const items = [...byMoment.values()].sort((a, b) => b.ts - a.ts || a.deviceId.localeCompare(b.deviceId));
    return { items, floor };
  }

  /** Hours of the chosen series that began before `before`, each metric's devices merged. */
  hours(personId: string, choose: SeriesChoice, request: NewestFirstRequest): NewestFirst<HourSummary> {
    const fetched = this.series(personId, choose).map((series) => ({ series, rows: this.hoursBefore.all(series.id, request.before, request.limit) }));
    const floor = floorOf(fetched, request.limit);
    const byHour = new Map<string, { ts: number; metric: MetricId; count: number; sum: number; min: number; max: number }>();
    for (const { series, rows } of fetched) {
      for (const row of rows) {
        if (floor !== null && row.ts <= floor) break;
        const key = `${row.ts} ${series.metric}`;
        const known = byHour.get(key);
        if (known === undefined) byHour.set(key, { ts: row.ts, metric: series.metric, count: row.count, sum: row.sum, min: row.min, max: row.max });
        else {
          known.count += row.count;
          known.sum += row.sum;
          known.min = Math.min(known.min, row.min);
          known.max = Math.max(known.max, row.max);
        }
      }
    }
    const items = [...byHour.values()]
      .filter((h) => h.count > 0)
      .map((h): HourSummary => ({ ts: h.ts, metric: h.metric, unit: metricDefinition(h.metric).unit, count: h.count, mean: h.sum / h.count, min: h.min, max: h.max }))
      .sort((a, b) => b.ts - a.ts || a.metric.localeCompare(b.metric));
    return { items, floor };
  }

  private series(personId: string, choose: SeriesChoice): PersonSeries[] {
    return this.seriesOf.all(personId).flatMap((s): PersonSeries[] => {
      if (!isMetricId(s.metric)) return [];
      const series = { id: s.id, metric: s.metric, deviceId: s.device_id };
      return choose(series) ? [series] : [];
    });
  }
}
