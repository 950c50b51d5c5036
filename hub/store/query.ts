import type { Reading, WaveformBlock } from '../../core/reading.js';
import { isMetricId, metricDefinition } from '../../core/metrics.js';
import type { Db } from './database.js';
import { DeviceEventLog } from './device-events.js';
import { decodeFlags } from './flags.js';
import { PersonLogbook, type SeriesChoice } from './person-logbook.js';
import { PersonReadings } from './person-readings.js';
import { planQuery, type QueryPlan } from './query-plan.js';
import { ReadingLookups } from './reading-lookups.js';
import { RollupTotalsQuery } from './rollup-totals.js';
import { StoreCensus } from './store-census.js';
import { SeriesRemoval, type SeriesHoldings, type SeriesOwners } from './series-removal.js';
import type {
  DeviceEvent,
  HourSummary,
  Measurement,
  MetricReadingCount,
  NewestFirst,
  NewestFirstRequest,
  PersonReadingsRequest,
  ReadingSpan,
  RollupTotals,
  SeriesInfo,
  SeriesPoint,
  SeriesQueryRequest,
  SeriesQueryResult,
  StoredReading,
  StoreStats,
  TimedValue,
  WaveformRequest,
} from './types.js';
import { decodeWaveform } from './waveform-codec.js';
import { MAX_BLOCK_DURATION_MS } from './waveform-split.js';

interface SeriesRow {
  id: number;
  device_id: string;
  metric: string;
  person_id: string;
  purged_before: number;
}

interface GroupRow {
  g: number;
  count: number;
  sum: number;
  min: number;
  max: number;
}

interface Group {
  count: number;
  sum: number;
  min: number;
  max: number;
}

/**
 * Reads from the store, the only way other parts read series, samples and rollups: charts at a
 * bounded number of points, latest values, waveforms, a person's readings streamed, single-reading
 * lookups, rollup totals and figures. Every statement is prepared once, here.
 */
export class StoreQuery {
  private readonly selectSeries;
  private readonly selectAllSeries;
  private readonly rawList;
  private readonly rawGrouped;
  private readonly rollupGrouped;
  private readonly minuteCount;
  private readonly latestBySeries;
  private readonly blocksInRange;
  private readonly personReadings: PersonReadings;
  private readonly logbook: PersonLogbook;
  private readonly events: DeviceEventLog;
  private readonly lookups: ReadingLookups;
  private readonly rollupTotals: RollupTotalsQuery;
  private readonly census: StoreCensus;
  private readonly owned: SeriesRemoval;

  constructor(db: Db, path: string) {
    // The series table holds a few hundred rows at most: a scan with optional filters is enough.
    this.selectSeries = db.prepare<{ metric: string; person: string | null; device: string | null }, SeriesRow>(`
      SELECT id, device_id, metric, person_id, purged_before FROM series
      WHERE metric = :metric AND (:person IS NULL OR person_id = :person) AND (:device IS NULL OR device_id = :device)`);
    this.selectAllSeries = db.prepare<[], SeriesRow>('SELECT id, device_id, metric, person_id, purged_before FROM series ORDER BY id');
    this.rawList = db.prepare<[number, number, number, number], { ts: number; value: number }>(
      'SELECT ts, value FROM sample WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?',
    );
    this.rawGrouped = db.prepare<{ series: number; from: number; to: number; width: number }, GroupRow>(`
      SELECT ts / CAST(:width AS INTEGER) AS g, count(*) AS count, sum(value) AS sum, min(value) AS min, max(value) AS max
      FROM sample WHERE series_id = :series AND ts >= :from AND ts < :to GROUP BY g`);
    this.rollupGrouped = db.prepare<{ series: number; resolution: number; from: number; to: number; width: number }, GroupRow>(`
      SELECT bucket / CAST(:width AS INTEGER) AS g, sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max
      FROM rollup WHERE series_id = :series AND resolution = :resolution AND bucket >= :from AND bucket < :to GROUP BY g`);
    this.minuteCount = db.prepare<[number, number, number], { n: number | null }>(
      'SELECT sum(count) AS n FROM rollup WHERE series_id = ? AND resolution = 60 AND bucket >= ? AND bucket < ?',
    );
    this.latestBySeries = db.prepare<[string], { device_id: string; metric: string; ts: number; value: number; flags: number }>(`
      SELECT s.device_id, s.metric, x.ts, x.value, x.flags
      FROM series s JOIN sample x ON x.series_id = s.id AND x.ts = (SELECT max(ts) FROM sample WHERE series_id = s.id)
      WHERE s.person_id = ?`);
    this.blocksInRange = db.prepare<[number, number, number], { t0: number; rate_hz: number; sample_count: number; encoding: number; data: Buffer }>(
      'SELECT t0, rate_hz, sample_count, encoding, data FROM waveform_block WHERE series_id = ? AND t0 >= ? AND t0 < ? ORDER BY t0',
    );
    this.personReadings = new PersonReadings(db);
    this.logbook = new PersonLogbook(db);
    this.events = new DeviceEventLog(db);
    this.lookups = new ReadingLookups(db);
    this.rollupTotals = new RollupTotalsQuery(db);
    this.census = new StoreCensus(db, path);
    this.owned = new SeriesRemoval(db);
  }

  /** How much the store holds of some devices and people (what removing them would take). */
  holdingsOf(owners: SeriesOwners): SeriesHoldings {
    return this.owned.holdings(owners);
  }

  /**
   * A chart of one metric over [from, to) with at most `maxPoints` points. For a person, all of
   * that person's devices for the metric are merged. Buckets without readings are left out.
   */
  querySeries(request: SeriesQueryRequest): SeriesQueryResult {
    if (!Number.isInteger(request.maxPoints) || request.maxPoints < 1) throw new RangeError(`maxPoints must be a positive integer, got ${request.maxPoints}`);
    const series = this.findSeries(request);
    if (request.to <= request.from || series.length === 0) return { resolution: 'raw', bucketMs: null, points: [] };
    const rawComplete = series.every((s) => s.purged_before <= request.from);
    if (rawComplete) {
      const points = this.rawPoints(series, request);
      if (points !== null) return { resolution: 'raw', bucketMs: null, points };
    }
    const rawCount = rawComplete ? () => this.countRaw(series, request.from, request.to) : null;
    const plan = planQuery(request.from, request.to, request.maxPoints, rawCount);
    return { resolution: plan.resolution, bucketMs: plan.widthMs, points: this.groupedPoints(series, plan, request) };
  }

  /**
   * The newest reading of each metric for a person ('' for readings not assigned to anyone),
   * whichever of their devices took it.
   */
  latest(personId: string): Reading[] {
    const newest = new Map<string, Reading>();
    for (const row of this.latestBySeries.all(personId)) {
      if (!isMetricId(row.metric)) continue;
      const known = newest.get(row.metric);
      if (known !== undefined && known.ts >= row.ts) continue;
      const { flags, tsSource } = decodeFlags(row.flags);
      newest.set(row.metric, {
        metric: row.metric,
        value: row.value,
        unit: metricDefinition(row.metric).unit,
        ts: row.ts,
        deviceId: row.device_id,
        ...(personId === '' ? {} : { personId }),
        tsSource,
        ...(flags.length > 0 ? { flags } : {}),
      });
    }
    return [...newest.values()].sort((a, b) => a.metric.localeCompare(b.metric));
  }

  /** Waveform blocks overlapping [from, to), decoded, oldest first. */
  readWaveform(request: WaveformRequest): WaveformBlock[] {
    const blocks: WaveformBlock[] = [];
    for (const s of this.findSeries(request)) {
      for (const row of this.blocksInRange.all(s.id, request.from - MAX_BLOCK_DURATION_MS, request.to)) {
        const endsAt = row.t0 + (row.sample_count * 1000) / row.rate_hz;
        if (endsAt <= request.from) continue;
        blocks.push({
          metric: request.metric,
          deviceId: s.device_id,
          ...(s.person_id === '' ? {} : { personId: s.person_id }),
          t0: row.t0,
          rateHz: row.rate_hz,
          samples: decodeWaveform(row.encoding, row.data, row.sample_count),
        });
      }
    }
    return blocks.sort((a, b) => a.t0 - b.t0);
  }

  seriesList(): SeriesInfo[] {
    return this.selectAllSeries.all().map((row) => ({
      id: row.id,
      deviceId: row.device_id,
      metric: row.metric,
      ...(row.person_id === '' ? {} : { personId: row.person_id }),
    }));
  }

  /**
   * A person's scalar readings in [from, to), oldest first, every device of theirs merged. Streams
   * page by page: a year's export never sits in memory.
   */
  readingsOf(request: PersonReadingsRequest): Generator<StoredReading> {
    return this.personReadings.readings(request);
  }

  /**
   * A person's measurements in the chosen series before a time, newest first: the values one device took at
   * one moment together (a blood pressure's systolic, diastolic and mean).
   */
  personMeasurements(personId: string, choose: SeriesChoice, request: NewestFirstRequest): NewestFirst<Measurement> {
    return this.logbook.measurements(personId, choose, request);
  }

  /** Hours of a person's chosen series that began before a time, newest first, from the hour rollups. */
  personHours(personId: string, choose: SeriesChoice, request: NewestFirstRequest): NewestFirst<HourSummary> {
    return this.logbook.hours(personId, choose, request);
  }

  /** What happened to the devices' links before a time, newest first. */
  deviceEvents(deviceIds: readonly string[], request: NewestFirstRequest): NewestFirst<DeviceEvent> {
    return this.events.newestFirst(deviceIds, request);
  }

  /** Whether a device's reading of a metric at exactly `ts` is kept (whoever it was assigned to). */
  hasDeviceReading(deviceId: string, metric: string, ts: number): boolean {
    return this.lookups.hasDeviceReading(deviceId, metric, ts);
  }

  /** The newest kept reading of a device's metric (whoever it was assigned to). */
  latestDeviceValue(deviceId: string, metric: string): TimedValue | undefined {
    return this.lookups.latestDeviceValue(deviceId, metric);
  }

  /** The newest reading of a device's metric per person it was assigned to ('' for no one). */
  latestDeviceValuesByPerson(deviceId: string, metric: string): (TimedValue & { readonly personId: string })[] {
    return this.lookups.latestDeviceValuesByPerson(deviceId, metric);
  }

  /** A person's UTC day of one metric from the day rollups; undefined for a day without readings. */
  personDayTotals(personId: string, metric: string, dayStartMs: number): RollupTotals | undefined {
    return this.rollupTotals.personDay(personId, metric, dayStartMs);
  }

  /**
   * Figures cheap enough for every health request on a large database: the series count and file
   * size, not row counts (those scan whole tables; `stats()` has them).
   */
  summary(): { series: number; fileBytes: number } {
    return this.census.summary();
  }

  /** Counts over whole tables: meant for the CLI and the status page, not for a hot path. */
  stats(): StoreStats {
    return this.census.stats();
  }

  /** Raw readings kept per metric, in metric order (a whole-table scan, like `stats()`). */
  readingsByMetric(): MetricReadingCount[] {
    return this.census.readingsByMetric();
  }

  /** The oldest and newest raw reading kept. */
  readingSpan(): ReadingSpan {
    return this.census.readingSpan();
  }

  private findSeries(request: { metric: string; personId?: string | undefined; deviceId?: string | undefined }): SeriesRow[] {
    return this.selectSeries.all({ metric: request.metric, person: request.personId ?? null, device: request.deviceId ?? null });
  }

  /** Readings in the range, counted from the minute rollups (whole minutes). */
  private countRaw(series: readonly SeriesRow[], from: number, to: number): number {
    const start = Math.floor(from / 60_000) * 60_000;
    return series.reduce((n, s) => n + (this.minuteCount.get(s.id, start, to)?.n ?? 0), 0);
  }

  /** The readings themselves when they fit in maxPoints, else null. */
  private rawPoints(series: readonly SeriesRow[], request: SeriesQueryRequest): SeriesPoint[] | null {
    const rows: { ts: number; value: number }[] = [];
    for (const s of series) {
      const room = request.maxPoints + 1 - rows.length;
      rows.push(...this.rawList.all(s.id, request.from, request.to, room));
      if (rows.length > request.maxPoints) return null;
    }
    if (series.length > 1) rows.sort((a, b) => a.ts - b.ts);
    return rows.map((r) => ({ ts: r.ts, value: r.value, min: r.value, max: r.value, count: 1 }));
  }

  private groupedPoints(series: readonly SeriesRow[], plan: QueryPlan, request: SeriesQueryRequest): SeriesPoint[] {
    const groups = new Map<number, Group>();
    for (const s of series) {
      const rows =
        plan.resolution === 'raw'
          ? this.rawGrouped.all({ series: s.id, from: request.from, to: request.to, width: plan.widthMs })
          : this.rollupGrouped.all({ series: s.id, resolution: plan.resolution, from: plan.sourceFrom, to: request.to, width: plan.widthMs });
      for (const row of rows) mergeInto(groups, row);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a - b)
      .map(([g, group]) => ({
        ts: Math.max(g * plan.widthMs, request.from),
        value: group.sum / group.count,
        min: group.min,
        max: group.max,
        count: group.count,
      }));
  }
}

function mergeInto(groups: Map<number, Group>, row: GroupRow): void {
  const group = groups.get(row.g);
  if (group === undefined) {
    groups.set(row.g, { count: row.count, sum: row.sum, min: row.min, max: row.max });
    return;
  }
  group.count += row.count;
  group.sum += row.sum;
  group.min = Math.min(group.min, row.min);
  group.max = Math.max(group.max, row.max);
}
