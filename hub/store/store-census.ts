import { statSync } from 'node:fs';
import type { Db } from './database.js';
import type { MetricReadingCount, ReadingSpan, StoreStats } from './types.js';

/** Counts over whole tables: meant for the CLI and the status page, not for a hot path. */
export class StoreCensus {
  private readonly seriesCount;
  private readonly readingCount;
  private readonly waveformBlockCount;
  private readonly waveformSampleCount;
  private readonly rollupRowCount;
  private readonly readingsPerMetric;
  private readonly oldestReading;
  private readonly newestReading;

  constructor(
    db: Db,
    private readonly path: string,
  ) {
    const count = (sql: string) => db.prepare<[], number | null>(sql).pluck();
    this.seriesCount = count('SELECT count(*) FROM series');
    this.readingCount = count('SELECT count(*) FROM sample');
    this.waveformBlockCount = count('SELECT count(*) FROM waveform_block');
    this.waveformSampleCount = count('SELECT sum(sample_count) FROM waveform_block');
    this.rollupRowCount = count('SELECT count(*) FROM rollup');
    this.readingsPerMetric = db.prepare<[], MetricReadingCount>(
      'SELECT series.metric AS metric, count(*) AS readings FROM sample JOIN series ON series.id = sample.series_id GROUP BY series.metric ORDER BY series.metric',
    );
    this.oldestReading = count('SELECT min(ts) FROM sample');
    this.newestReading = count('SELECT max(ts) FROM sample');
  }

  /**
   * Figures cheap enough for every health request on a large database: the series count and file
   * size, not row counts (those scan whole tables; `stats()` has them).
   */
  summary(): { series: number; fileBytes: number } {
    return { series: this.seriesCount.get() ?? 0, fileBytes: this.fileBytes() };
  }

  stats(): StoreStats {
    return {
      series: this.seriesCount.get() ?? 0,
      readings: this.readingCount.get() ?? 0,
      waveformBlocks: this.waveformBlockCount.get() ?? 0,
      waveformSamples: this.waveformSampleCount.get() ?? 0,
      rollupRows: this.rollupRowCount.get() ?? 0,
      fileBytes: this.fileBytes(),
    };
  }

  /** Raw readings kept per metric, in metric order; metrics without readings are left out. */
  readingsByMetric(): MetricReadingCount[] {
    return this.readingsPerMetric.all();
  }

  readingSpan(): ReadingSpan {
    return { oldest: this.oldestReading.get() ?? null, newest: this.newestReading.get() ?? null };
  }

  /** The main database file plus its write-ahead log. */
  private fileBytes(): number {
    return fileSize(this.path) + fileSize(`${this.path}-wal`);
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
