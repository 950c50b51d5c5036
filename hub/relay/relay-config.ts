import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../config/config-types.js';

/** What the research aggregates cover unless the household narrows it. */
const RESEARCH_METRICS = ['heart_rate', 'resting_heart_rate', 'spo2', 'body_temperature', 'bp_systolic', 'bp_diastolic', 'body_weight', 'glucose', 'steps', 'respiratory_rate', 'hrv_rmssd'];

/** The `relay` section of the hub config. Off unless the household turns it on. */
export const relayConfigSchema = Section({
  enabled: Type.Boolean({ default: false }),
  /** The relay's base URL. Must be https:// (plain http is accepted only for a loopback address). */
  url: Type.String({ default: '' }),
  /** A CA certificate (PEM file) to trust for a relay with its own certificate authority; '' uses the system's. */
  caFile: Type.String({ default: '' }),
  /** Given by the relay's operator; needed once, to register this hub's key. */
  enrolmentToken: Type.String({ maxLength: 200, default: '' }),
  research: Section({
    /** Local differential privacy: ε spent per person and day, shared by every value sent for that day. */
    epsilonPerDay: Type.Number({ exclusiveMinimum: 0, maximum: 10, default: 1 }),
    /** Pseudonyms change every period, so the relay cannot link one period to the next. */
    pseudonymPeriod: Type.Enum(['day', 'week', 'month'], { default: 'day' }),
    metrics: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), { maxItems: 64, default: RESEARCH_METRICS }),
  }),
  outbox: Section({
    /** Batches kept while the relay is away; beyond this the oldest research batch is dropped (and counted). A year of daily batches fits in 400. */
    maxBatches: Type.Integer({ minimum: 1, maximum: 100_000, default: 400 }),
    retryBaseMs: Type.Integer({ minimum: 100, maximum: 3_600_000, default: 30_000 }),
    retryMaxMs: Type.Integer({ minimum: 1000, maximum: 7 * 86_400_000, default: 6 * 3_600_000 }),
  }),
  backup: Section({
    chunkBytes: Type.Integer({ minimum: 4096, maximum: 8 * 1024 * 1024, default: 1024 * 1024 }),
  }),
});

export type RelayConfig = Settings<typeof relayConfigSchema>;

export const DEFAULT_RELAY_CONFIG: RelayConfig = defaultsOf(relayConfigSchema);
