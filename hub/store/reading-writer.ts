import { performance } from 'node:perf_hooks';
import type { Reading, WaveformBlock } from '../../core/reading.js';
import { systemScheduler, type Scheduler } from '../../core/scheduler.js';
import type { Db } from './database.js';
import { StoreWriteError, describe } from './errors.js';
import { encodeFlags } from './flags.js';
import { ReadingRemoval } from './reading-removal.js';
import { RollupAccumulator } from './rollup-accumulator.js';
import { SeriesRegistry, type SeriesKey } from './series-registry.js';
import { SeriesRemoval, type SeriesHoldings, type SeriesOwners } from './series-removal.js';
import { silentLogger, type FlushInfo, type StoreLogger, type WriterStats } from './types.js';
import { encodeWaveform } from './waveform-codec.js';
import { splitWaveform } from './waveform-split.js';
import { DEFAULT_STORE_CONFIG } from './store-config.js';

export interface ReadingWriterOptions {
  /** Longest a queued reading waits for its commit. One commit per interval spares an SD card. */
  readonly flushIntervalMs?: number;
  /** Items per transaction; reaching it flushes without waiting for the interval. */
  readonly maxBatch?: number;
  /** While the database cannot be written, the queue keeps at most this many items, dropping the oldest. */
  readonly maxQueued?: number;
  readonly scheduler?: Scheduler;
  readonly logger?: StoreLogger;
  readonly onFlush?: (info: FlushInfo) => void;
  readonly onError?: (error: unknown, state: { readonly queued: number; readonly dropped: number }) => void;
}

/** What the writer does when not told otherwise: the `store` section's defaults. */
export const WRITER_DEFAULTS = {
  flushIntervalMs: DEFAULT_STORE_CONFIG.flushIntervalMs,
  maxBatch: DEFAULT_STORE_CONFIG.maxBatch,
  maxQueued: DEFAULT_STORE_CONFIG.maxQueued,
} as const;

/** Hub-stamped readings that land on an occupied millisecond move forward at most this far. */
const MAX_NUDGE_MS = 1000;

type QueuedItem = { readonly reading: Reading; readonly block?: undefined } | { readonly reading?: undefined; readonly block: WaveformBlock };

interface Waiter {
  /** Resolved once this many items have left the queue committed. */
  readonly target: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

interface BatchOutcome {
  written: number;
  duplicates: number;
  expired: number;
}

/**
 * The store's only writer. Readings wait in memory and are committed in one transaction per
 * flush, which happens every `flushIntervalMs` or as soon as `maxBatch` items are queued.
 * A failed flush (disk full, I/O error) keeps its items queued and is retried on the next tick.
 */
export class ReadingWriter {
  private readonly options: Required<Pick<ReadingWriterOptions, 'flushIntervalMs' | 'maxBatch' | 'maxQueued'>>;
  private readonly scheduler: Scheduler;
  private readonly logger: StoreLogger;
  private readonly series: SeriesRegistry;
  private readonly rollups: RollupAccumulator;
  private readonly removal: SeriesRemoval;
  private readonly readingRemoval: ReadingRemoval;
  private readonly insertSample;
  private readonly insertBlock;

  private queue: QueuedItem[] = [];
  private enqueuedCount = 0;
  private settledCount = 0;
  private waiters: Waiter[] = [];
  private cancelFlushTimer: (() => void) | undefined = undefined;
  private timerDelay = Infinity;
  private failing = false;
  private droppedSinceReport = 0;
  private closed = false;

  private counters = {
    written: 0,
    duplicates: 0,
    expired: 0,
    rejected: 0,
    flushes: 0,
    failedFlushes: 0,
    lastFlushMs: 0,
    lastBatchSize: 0,
    totalFlushMs: 0,
    dropped: 0,
    lastError: null as string | null,
  };

  constructor(
    private readonly db: Db,
    options: ReadingWriterOptions = {},
  ) {
    this.options = {
      flushIntervalMs: options.flushIntervalMs ?? WRITER_DEFAULTS.flushIntervalMs,
      maxBatch: options.maxBatch ?? WRITER_DEFAULTS.maxBatch,
      maxQueued: Math.max(options.maxQueued ?? WRITER_DEFAULTS.maxQueued, options.maxBatch ?? WRITER_DEFAULTS.maxBatch),
    };
    this.scheduler = options.scheduler ?? systemScheduler;
    this.logger = options.logger ?? silentLogger;
    this.onFlush = options.onFlush;
    this.onError = options.onError;
    this.series = new SeriesRegistry(db);
    this.rollups = new RollupAccumulator(db);
    this.removal = new SeriesRemoval(db);
    this.readingRemoval = new ReadingRemoval(db);
    this.insertSample = db.prepare<[number, number, number, number]>('INSERT OR IGNORE INTO sample (series_id, ts, value, flags) VALUES (?, ?, ?, ?)');
    this.insertBlock = db.prepare<[number, number, number, number, number, Buffer]>(
      'INSERT OR IGNORE INTO waveform_block (series_id, t0, rate_hz, sample_count, encoding, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  private readonly onFlush: ReadingWriterOptions['onFlush'];
  private readonly onError: ReadingWriterOptions['onError'];

  /**
   * Queues one reading. A full batch is committed at once rather than on the next timer turn, so a
   * burst handled in one event-loop turn (a replayed history, an MQTT storm) cannot outgrow memory.
   */
  write(reading: Reading): void {
    if (!Number.isFinite(reading.value) || !Number.isSafeInteger(reading.ts) || reading.ts < 0) {
      this.reject('reading with a non-finite value or a time that is not whole milliseconds', reading.metric, reading.deviceId);
      return;
    }
    this.enqueue({ reading });
  }

  /** Queues one block of waveform samples. */
  writeWaveform(block: WaveformBlock): void {
    if (block.samples.length === 0 || !Number.isSafeInteger(block.t0) || block.t0 < 0 || !(block.rateHz > 0) || !Number.isFinite(block.rateHz)) {
      this.reject('waveform block that is empty or has an invalid time or rate', block.metric, block.deviceId);
      return;
    }
    this.enqueue({ block });
  }

  /**
   * Resolves once everything queued before the call is committed; rejects if any of it is given up
   * (dropped from a full queue while the disk fails, or still queued when the writer closes).
   */
  flushed(): Promise<void> {
    const target = this.enqueuedCount;
    if (this.settledCount >= target) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  /** Commits everything queued now, synchronously (shutdown). True when nothing is left queued. */
  flush(): boolean {
    this.cancelTimer();
    while (this.queue.length > 0) {
      if (!this.flushOnce()) {
        if (!this.closed) this.schedule(this.options.flushIntervalMs);
        return false;
      }
    }
    return true;
  }

  /** Flushes what it can, then gives up the rest (reported, counted as dropped). */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.cancelTimer();
    if (this.queue.length > 0) {
      const lost = this.queue.length;
      this.drop(lost, `closed with ${lost} readings that could not be written (${this.counters.lastError ?? 'unknown error'})`);
    }
    this.reportDrops();
  }

  stats(): WriterStats {
    return { queued: this.queue.length, ...this.counters };
  }

  /**
   * Deletes every series of some devices and people with all it holds: raw readings, rollups,
   * waveform blocks, and the devices' events; in one transaction, or inside the caller's. Refused while readings of theirs
   * still wait in the queue (flush first), which would otherwise make their series again.
   */
  removeSeriesOf(owners: SeriesOwners): SeriesHoldings {
    const devices = new Set(owners.deviceIds);
    const people = new Set(owners.personIds);
    const queued = this.queue.some(({ reading, block }) => {
      const item = reading ?? block;
      return devices.has(item.deviceId) || (item.personId !== undefined && people.has(item.personId));
    });
    if (queued) throw new StoreWriteError('readings of the series to remove are still queued; flush the writer first');
    const ids = this.removal.seriesIds(owners);
    const outcome = this.removal.remove(owners);
    // Forgotten even if the caller's transaction rolls back: the cache then reads the series again.
    this.series.forget(ids);
    return outcome;
  }

  /**
   * Deletes single readings of one series (what a person took back) and corrects the rollups that
   * counted them; returns how many were stored. Queued readings are committed first, so one
   * submitted a moment ago is found too; refused while the database cannot be written.
   */
  removeReadings(key: SeriesKey, times: readonly number[]): number {
    if (!this.flush()) throw new StoreWriteError(`the readings could not be removed: the database cannot be written (${this.counters.lastError ?? 'unknown error'})`);
    const series = this.series.find(key);
    if (series === undefined) return 0;
    return this.db.transaction(() => this.readingRemoval.remove(series, times))();
  }

  /** Retention removed raw samples of a series before `before`. */
  notePurged(seriesId: number, before: number): void {
    this.series.notePurged(seriesId, before);
  }

  private enqueue(item: QueuedItem): void {
    if (this.closed) {
      this.reject('write after the store was closed', item.reading?.metric ?? item.block?.metric ?? '', item.reading?.deviceId ?? item.block?.deviceId ?? '');
      return;
    }
    this.queue.push(item);
    this.enqueuedCount++;
    if (this.queue.length >= this.options.maxBatch && !this.failing && this.flushOnce()) {
      if (this.queue.length === 0) this.cancelTimer();
      else this.schedule(this.options.flushIntervalMs);
      return;
    }
    if (this.queue.length > this.options.maxQueued) {
      // Dropped in slices of 1 %, so a writer that stays full does not shift the whole queue per reading.
      const excess = Math.max(this.queue.length - this.options.maxQueued, Math.ceil(this.options.maxQueued / 100));
      this.drop(excess, `queue full (${this.options.maxQueued}) while the database cannot be written`);
    }
    this.schedule(this.options.flushIntervalMs);
  }

  private reject(reason: string, metric: string, deviceId: string): void {
    this.counters.rejected++;
    this.logger.warn({ metric, deviceId }, `store refused a ${reason}`);
  }

  private schedule(delayMs: number): void {
    if (this.cancelFlushTimer !== undefined && this.timerDelay <= delayMs) return;
    this.cancelTimer();
    this.timerDelay = delayMs;
    this.cancelFlushTimer = this.scheduler.after(delayMs, () => this.onTimer());
  }

  private cancelTimer(): void {
    this.cancelFlushTimer?.();
    this.cancelFlushTimer = undefined;
    this.timerDelay = Infinity;
  }

  private onTimer(): void {
    this.cancelFlushTimer = undefined;
    this.timerDelay = Infinity;
    if (this.queue.length === 0) return;
    const ok = this.flushOnce();
    if (this.queue.length > 0) this.schedule(ok && this.queue.length >= this.options.maxBatch ? 0 : this.options.flushIntervalMs);
  }

  /** One transaction over the oldest `maxBatch` items. False when it failed (items stay queued). */
  private flushOnce(): boolean {
    const batch = this.queue.slice(0, this.options.maxBatch);
    const started = performance.now();
    let outcome: BatchOutcome;
    try {
      outcome = this.db.transaction(() => this.writeBatch(batch)).immediate();
      this.series.committed();
    } catch (error) {
      this.series.rolledBack();
      this.rollups.discard();
      this.failed(error);
      return false;
    }
    const durationMs = performance.now() - started;
    this.queue.splice(0, batch.length);
    this.settledCount += batch.length;
    const c = this.counters;
    c.written += outcome.written;
    c.duplicates += outcome.duplicates;
    c.expired += outcome.expired;
    c.flushes++;
    c.lastFlushMs = durationMs;
    c.lastBatchSize = batch.length;
    c.totalFlushMs += durationMs;
    if (this.failing) {
      this.failing = false;
      // lastError names a current problem (health reads it); the history stays in failedFlushes.
      c.lastError = null;
      this.logger.info({ failedFlushes: c.failedFlushes, dropped: c.dropped }, 'store writes resumed');
    }
    this.resolveWaiters();
    this.onFlush?.({ batchSize: batch.length, ...outcome, durationMs, queued: this.queue.length });
    return true;
  }

  private writeBatch(batch: readonly QueuedItem[]): BatchOutcome {
    const outcome: BatchOutcome = { written: 0, duplicates: 0, expired: 0 };
    for (const item of batch) {
      if (item.reading !== undefined) this.writeReading(item.reading, outcome);
      else this.writeBlock(item.block, outcome);
    }
    this.rollups.writeAll();
    return outcome;
  }

  private writeReading(reading: Reading, outcome: BatchOutcome): void {
    const series = this.series.resolve(reading);
    if (reading.ts < series.purgedBefore) {
      outcome.expired++;
      return;
    }
    const flags = encodeFlags(reading.flags, reading.tsSource);
    let ts = reading.ts;
    let inserted = this.insertSample.run(series.id, ts, reading.value, flags).changes === 1;
    // Two hub-stamped readings in one millisecond are distinct readings; device-stamped ones are a re-send.
    if (reading.tsSource === 'hub') {
      while (!inserted && ts < reading.ts + MAX_NUDGE_MS) {
        ts++;
        inserted = this.insertSample.run(series.id, ts, reading.value, flags).changes === 1;
      }
    }
    if (!inserted) {
      outcome.duplicates++;
      return;
    }
    outcome.written++;
    this.rollups.add(series.id, ts, reading.value);
  }

  private writeBlock(block: WaveformBlock, outcome: BatchOutcome): void {
    const series = this.series.resolve(block);
    if (block.t0 < series.purgedBefore) {
      outcome.expired++;
      return;
    }
    let anyInserted = false;
    for (const piece of splitWaveform(block)) {
      const encoded = encodeWaveform(piece.samples);
      const result = this.insertBlock.run(series.id, piece.t0, block.rateHz, piece.samples.length, encoded.encoding, encoded.data);
      anyInserted ||= result.changes === 1;
    }
    if (anyInserted) outcome.written++;
    else outcome.duplicates++;
  }

  private failed(error: unknown): void {
    const c = this.counters;
    c.failedFlushes++;
    c.lastError = describe(error);
    if (!this.failing) {
      this.failing = true;
      this.logger.error({ err: c.lastError, queued: this.queue.length }, 'store cannot write; readings stay queued and the write is retried');
    }
    this.reportDrops();
    this.onError?.(error, { queued: this.queue.length, dropped: c.dropped });
  }

  /** Drops are reported once per flush attempt, not once per reading, so a full disk cannot flood the log. */
  private reportDrops(): void {
    if (this.droppedSinceReport === 0) return;
    this.logger.error({ dropped: this.droppedSinceReport, totalDropped: this.counters.dropped, maxQueued: this.options.maxQueued }, 'store dropped the oldest queued readings');
    this.droppedSinceReport = 0;
  }

  private resolveWaiters(): void {
    let resolved = 0;
    for (const waiter of this.waiters) {
      if (waiter.target > this.settledCount) break;
      waiter.resolve();
      resolved++;
    }
    if (resolved > 0) this.waiters = this.waiters.slice(resolved);
  }

  private drop(count: number, reason: string): void {
    this.queue.splice(0, count);
    this.settledCount += count;
    this.counters.dropped += count;
    this.droppedSinceReport += count;
    // Every pending waiter covers the oldest queued items, so every one of them lost something.
    const error = new StoreWriteError(`${count} queued readings were dropped: ${reason}`);
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}
