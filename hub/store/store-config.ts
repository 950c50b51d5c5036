import { Type } from 'typebox';
import { defaultsOf, Dictionary, Section, type Settings } from '../config/config-types.js';

const days = (options: { default?: number } = {}) => Type.Integer({ minimum: 1, maximum: 36500, ...options });

/**
 * The `store` section of the hub config. The defaults suit a Raspberry Pi on an SD card: about one
 * commit a second, and 90 days of raw readings (rollups are kept forever, so long-range charts
 * survive). Two people wearing an oximeter overnight write about 250,000 readings a day at about
 * 20 bytes each (bench/store-size): some 0.45 GB in 90 days, and the nightly backup keeps 7 full
 * copies of the file on the same card by default, about 3.5 GB in all. A year of raw data would
 * be four times that and no longer fit a 16 GB card beside the system.
 */
export const storeConfigSchema = Section({
  /** Longest a queued reading waits for its commit. One commit per interval spares an SD card. */
  flushIntervalMs: Type.Integer({ minimum: 10, maximum: 60_000, default: 1000 }),
  /** Items per transaction; reaching it flushes without waiting for the interval. */
  maxBatch: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 5000 }),
  /** While the database cannot be written, the queue keeps at most this many items, dropping the oldest. */
  maxQueued: Type.Integer({ minimum: 1000, maximum: 10_000_000, default: 200_000 }),
  /** `move-aside`: an unattended hub keeps recording, and the damaged file is kept; `fail` refuses to start. */
  onCorrupt: Type.Enum(['move-aside', 'fail'], { default: 'move-aside' }),
  retention: Section({
    /** Days of raw readings and waveforms kept, for every metric not named in `perMetric`. */
    rawDays: days({ default: 90 }),
    /** Beat intervals and waveforms are large and mostly looked at soon after they are taken. */
    perMetric: Dictionary(days(), { default: { rr_interval: 30, ecg: 14, pleth: 14 } }),
  }),
});

export type StoreConfig = Settings<typeof storeConfigSchema>;
export type RetentionConfig = StoreConfig['retention'];

export const DEFAULT_STORE_CONFIG: StoreConfig = defaultsOf(storeConfigSchema);
