import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from './database.js';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  /** Rows deleted per statement; each batch commits on its own. */
  readonly batchSize?: number;
  /** Lets the event loop (and so the writer's flushes) run between batches. */
  readonly pause?: () => Promise<void>;
  /** Told when a series lost raw data before a time, so the writer ignores re-sent readings older than it. */
  readonly onSeriesPurged?: (seriesId: number, before: number) => void;
}

export interface RetentionOutcome {
  readonly samplesDeleted: number;
  readonly blocksDeleted: number;
  readonly seriesPurged: number;
  /** Devices' connection and availability events older than the default raw days. */
  readonly deviceEventsDeleted: number;
}

/** Days of raw data to keep, per metric; `Infinity` keeps a metric's raw data forever. */
export type RawRetentionDays = Readonly<Record<string, number | undefined>>;

/**
 * Deletes raw samples and waveform blocks older than each metric's retention. Rollups are kept
 * forever, so long-range charts survive. Works in small batches so the writer is never held up.
 */
export class Retention {
  private readonly batchSize: number;
  private readonly pause: () => Promise<void>;
  private readonly listSeries;
  private readonly nthOldestSample;
  private readonly deleteSamplesBefore;
  private readonly nthOldestBlock;
  private readonly deleteBlocksBefore;
  private readonly markPurged;
  private readonly deleteDeviceEventsBefore;

  constructor(
    db: Db,
    private readonly options: RetentionOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 5000;
    this.pause = options.pause ?? (() => nextTurn());
    this.listSeries = db.prepare<[], { id: number; metric: string }>('SELECT id, metric FROM series');
    this.nthOldestSample = db.prepare<[number, number, number], { ts: number }>(
      'SELECT ts FROM sample WHERE series_id = ? AND ts < ? ORDER BY ts LIMIT 1 OFFSET ?',
    );
    this.deleteSamplesBefore = db.prepare<[number, number]>('DELETE FROM sample WHERE series_id = ? AND ts < ?');
    this.nthOldestBlock = db.prepare<[number, number, number], { ts: number }>(
      'SELECT t0 AS ts FROM waveform_block WHERE series_id = ? AND t0 < ? ORDER BY t0 LIMIT 1 OFFSET ?',
    );
    this.deleteBlocksBefore = db.prepare<[number, number]>('DELETE FROM waveform_block WHERE series_id = ? AND t0 < ?');
    this.markPurged = db.prepare<{ id: number; before: number }>('UPDATE series SET purged_before = max(purged_before, :before) WHERE id = :id');
    this.deleteDeviceEventsBefore = db.prepare<[number, number]>('DELETE FROM device_event WHERE id IN (SELECT id FROM device_event WHERE ts < ? LIMIT ?)');
  }

  async apply(now: number, rawDaysByMetric: RawRetentionDays, defaultRawDays: number): Promise<RetentionOutcome> {
    let samplesDeleted = 0;
    let blocksDeleted = 0;
    let seriesPurged = 0;
    for (const series of this.listSeries.all()) {
      const days = rawDaysByMetric[series.metric] ?? defaultRawDays;
      if (!Number.isFinite(days)) continue;
      const cutoff = now - days * DAY_MS;
      const samples = await this.deleteInBatches(series.id, cutoff, this.nthOldestSample, this.deleteSamplesBefore);
      const blocks = await this.deleteInBatches(series.id, cutoff, this.nthOldestBlock, this.deleteBlocksBefore);
      if (samples + blocks > 0) {
        this.markPurged.run({ id: series.id, before: cutoff });
        this.options.onSeriesPurged?.(series.id, cutoff);
        seriesPurged++;
      }
      samplesDeleted += samples;
      blocksDeleted += blocks;
    }
    const deviceEventsDeleted = await this.deleteDeviceEvents(now - defaultRawDays * DAY_MS);
    return { samplesDeleted, blocksDeleted, seriesPurged, deviceEventsDeleted };
  }

  /** Device events go by the default raw days: what a device did is looked at with its readings. */
  private async deleteDeviceEvents(cutoff: number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const changes = this.deleteDeviceEventsBefore.run(cutoff, this.batchSize).changes;
      deleted += changes;
      if (changes < this.batchSize) return deleted;
      await this.pause();
    }
  }

  private async deleteInBatches(
    seriesId: number,
    cutoff: number,
    nthOldest: Retention['nthOldestSample'],
    deleteBefore: Retention['deleteSamplesBefore'],
  ): Promise<number> {
    let deleted = 0;
    for (;;) {
      // Deleting below the batch-th oldest time removes exactly one batch, using only the primary key.
      const boundary = nthOldest.get(seriesId, cutoff, this.batchSize)?.ts;
      const changes = deleteBefore.run(seriesId, boundary ?? cutoff).changes;
      deleted += changes;
      if (boundary === undefined) return deleted;
      await this.pause();
    }
  }
}
