import { systemClock, type Clock } from '../../core/clock.js';
import { openDatabase, type Db } from './database.js';
import { DeviceEventLog } from './device-events.js';
import { migrate } from './migrations.js';
import { StoreQuery } from './query.js';
import { ReadingWriter, type ReadingWriterOptions } from './reading-writer.js';
import { Retention, type RawRetentionDays, type RetentionOutcome } from './retention.js';
import { STORE_MIGRATIONS, STORE_PART } from './schema.js';
import { DEFAULT_STORE_CONFIG } from './store-config.js';
import { silentLogger, type CorruptionPolicy, type StoreLogger } from './types.js';

export interface StoreOptions {
  /** The database file; its directory is created if needed. */
  readonly path: string;
  /** Default (the `store` section's) 'move-aside': an unattended hub keeps recording, and the damaged file is kept. */
  readonly onCorrupt?: CorruptionPolicy;
  readonly clock?: Clock;
  readonly logger?: StoreLogger;
  readonly writer?: Omit<ReadingWriterOptions, 'logger'>;
  /**
   * How long raw data is kept (the `store.retention` section of the config). What is left out takes
   * the section's defaults; `perMetric` is laid over the default per-metric days key by key.
   */
  readonly retention?: {
    readonly rawDays?: number;
    readonly perMetric?: RawRetentionDays;
    readonly batchSize?: number;
  };
}

interface Running {
  readonly db: Db;
  readonly writer: ReadingWriter;
  readonly query: StoreQuery;
  readonly retention: Retention;
  readonly deviceEvents: DeviceEventLog;
}

/** The time-series store: owns the database file and composes the writer, queries and retention. */
export class Store {
  private running: Running | undefined;

  constructor(private readonly options: StoreOptions) {}

  async start(): Promise<void> {
    if (this.running !== undefined) return;
    const logger = this.options.logger ?? silentLogger;
    const db = openDatabase(this.options.path, { onCorrupt: this.options.onCorrupt ?? DEFAULT_STORE_CONFIG.onCorrupt, logger, clock: this.clock });
    try {
      const outcome = migrate(db, STORE_PART, STORE_MIGRATIONS);
      if (outcome.from !== outcome.to) logger.info({ ...outcome }, 'store schema migrated');
      const writer = new ReadingWriter(db, { ...this.options.writer, logger });
      const retention = new Retention(db, {
        ...(this.options.retention?.batchSize === undefined ? {} : { batchSize: this.options.retention.batchSize }),
        onSeriesPurged: (seriesId, before) => writer.notePurged(seriesId, before),
      });
      this.running = { db, writer, query: new StoreQuery(db, this.options.path), retention, deviceEvents: new DeviceEventLog(db) };
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Commits what is queued, checkpoints the log into the main file and closes it. */
  async stop(): Promise<void> {
    const running = this.running;
    if (running === undefined) return;
    this.running = undefined;
    running.writer.close();
    try {
      running.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      running.db.close();
    }
  }

  /** The open database, for other parts that keep their own tables in it (see `migrate`). */
  get db(): Db {
    return this.require().db;
  }

  get writer(): ReadingWriter {
    return this.require().writer;
  }

  get query(): StoreQuery {
    return this.require().query;
  }

  /** Where the devices' connections and availability are written; read through `query.deviceEvents`. */
  get deviceEvents(): DeviceEventLog {
    return this.require().deviceEvents;
  }

  /** Deletes raw data past its retention; meant for a daily schedule. */
  async applyRetention(now: number = this.clock.now()): Promise<RetentionOutcome> {
    const retention = this.options.retention;
    const defaults = DEFAULT_STORE_CONFIG.retention;
    return this.require().retention.apply(now, { ...defaults.perMetric, ...retention?.perMetric }, retention?.rawDays ?? defaults.rawDays);
  }

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  private require(): Running {
    if (this.running === undefined) throw new Error('the store is not started');
    return this.running;
  }
}
