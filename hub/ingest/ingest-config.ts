import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../config/config-types.js';

/** The `ingest` section of the hub config: what the ingest gate accepts. */
export const ingestConfigSchema = Section({
  /** Readings stamped further ahead of the hub's clock than this are refused (a device with a wrong clock). */
  maxFutureSkewMs: Type.Integer({ minimum: 0, maximum: 86_400_000, default: 5 * 60_000 }),
});

export type IngestConfig = Settings<typeof ingestConfigSchema>;

export const DEFAULT_INGEST_CONFIG: IngestConfig = defaultsOf(ingestConfigSchema);
