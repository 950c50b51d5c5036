import type { MetricId } from '../../core/metrics.js';
import type { ReadingFlag, TimestampSource } from '../../core/reading.js';

/**
 * The logger the store writes to. Compatible with pino's `(obj, msg)` call shape, so a pino child
 * logger can be passed as is. The store never logs reading values.
 */
export interface StoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export const silentLogger: StoreLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

/** What to do when the database file fails `PRAGMA quick_check` at start. */
export type CorruptionPolicy = 'move-aside' | 'fail';

/** Rollup resolutions, in seconds. */
export const ROLLUP_RESOLUTIONS = [60, 3600, 86400] as const;
export type RollupResolution = (typeof ROLLUP_RESOLUTIONS)[number];

/** Where a query's points came from: raw samples or one of the rollups. */
export type QueryResolution = 'raw' | RollupResolution;

/** One series: one device's metric for one person (or unassigned). */
export interface SeriesInfo {
  readonly id: number;
  readonly deviceId: string;
  readonly metric: string;
  /** Absent when the series is not assigned to anyone. */
  readonly personId?: string;
}

export interface SeriesQueryRequest {
  readonly metric: MetricId;
  readonly personId?: string;
  readonly deviceId?: string;
  /** Inclusive start, ms since the epoch, UTC. */
  readonly from: number;
  /** Exclusive end, ms since the epoch, UTC. */
  readonly to: number;
  /** The most points the answer may hold (at least 1). */
  readonly maxPoints: number;
}

export interface SeriesPoint {
  /** Start of the point's bucket (clipped to the query start), or the reading's time for raw points. */
  readonly ts: number;
  /** Mean of the readings in the bucket. */
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

export interface SeriesQueryResult {
  readonly resolution: QueryResolution;
  /** Width of each point's bucket in ms; null when the points are the readings themselves. */
  readonly bucketMs: number | null;
  readonly points: readonly SeriesPoint[];
}

export interface WaveformRequest {
  readonly metric: MetricId;
  readonly personId?: string;
  readonly deviceId?: string;
  readonly from: number;
  readonly to: number;
}

export interface PersonReadingsRequest {
  readonly personId: string;
  /** Inclusive, ms since the epoch. */
  readonly from: number;
  /** Exclusive, ms since the epoch. */
  readonly to: number;
}

/** A kept scalar reading with the device that took it; `flags` is empty when it has none. */
export interface StoredReading {
  readonly metric: MetricId;
  readonly value: number;
  readonly unit: string;
  readonly ts: number;
  readonly deviceId: string;
  readonly tsSource: TimestampSource;
  readonly flags: readonly ReadingFlag[];
}

/** One value of a series and when it was taken. */
export interface TimedValue {
  readonly value: number;
  readonly ts: number;
}

/** What a rollup bucket holds, summed over the series it was asked for. `count` is at least 1. */
export interface RollupTotals {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** Sum of the squared values, for the standard deviation. */
  readonly sumsq: number;
}

/** How many raw readings of one metric are kept, all devices and people together. */
export interface MetricReadingCount {
  readonly metric: string;
  readonly readings: number;
}

/** The oldest and newest raw reading kept; null when there are none. */
export interface ReadingSpan {
  readonly oldest: number | null;
  readonly newest: number | null;
}

export interface StoreStats {
  readonly series: number;
  /** Raw scalar readings currently kept (after retention). */
  readonly readings: number;
  readonly waveformBlocks: number;
  readonly waveformSamples: number;
  readonly rollupRows: number;
  /** Size of the main database file plus its write-ahead log, in bytes. */
  readonly fileBytes: number;
}

export interface FlushInfo {
  /** Items (readings and waveform blocks) taken from the queue by this flush. */
  readonly batchSize: number;
  readonly written: number;
  readonly duplicates: number;
  readonly expired: number;
  readonly durationMs: number;
  /** Items still queued after the flush. */
  readonly queued: number;
}

export interface WriterStats {
  readonly queued: number;
  /** Readings and waveform blocks committed. */
  readonly written: number;
  readonly duplicates: number;
  /** Readings older than their series' raw retention horizon, ignored so rollups do not count them twice. */
  readonly expired: number;
  /** Readings refused at `write` (non-finite value, non-integer time) or after close. */
  readonly rejected: number;
  readonly flushes: number;
  readonly failedFlushes: number;
  readonly lastFlushMs: number;
  readonly lastBatchSize: number;
  readonly totalFlushMs: number;
  /** Items dropped from a full queue while the database could not be written. */
  readonly dropped: number;
  /** Why writes are failing now; null while they succeed (failedFlushes keeps the history). */
  readonly lastError: string | null;
}

/** What happened to a device's link: a connection made or ended, or the device heard again or gone quiet. */
export type DeviceEventKind = 'connected' | 'disconnected' | 'available' | 'unavailable';
export const DEVICE_EVENT_KINDS: readonly DeviceEventKind[] = ['connected', 'disconnected', 'available', 'unavailable'];

export interface DeviceEvent {
  readonly deviceId: string;
  readonly ts: number;
  readonly kind: DeviceEventKind;
}

/**
 * A page of something read newest first, below an exclusive `before`: the items, and the time at
 * or below which items may be missing from it (null when nothing older was left out). Every item
 * newer than `floor` is in the page.
 */
export interface NewestFirst<Item> {
  readonly items: readonly Item[];
  readonly floor: number | null;
}

export interface NewestFirstRequest {
  /** Exclusive, ms since the epoch. */
  readonly before: number;
  /** How many items to read at most (at least 1). */
  readonly limit: number;
}

/** One measurement a device took at one moment: a weighing, a blood pressure with its pulse. */
export interface Measurement {
  readonly ts: number;
  readonly deviceId: string;
  readonly values: readonly { readonly metric: MetricId; readonly value: number; readonly unit: string; readonly flags: readonly ReadingFlag[] }[];
}

/** An hour of one metric of a person, all their devices merged, from the hour rollups. */
export interface HourSummary {
  /** The hour's start, ms since the epoch, UTC. */
  readonly ts: number;
  readonly metric: MetricId;
  readonly unit: string;
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}
