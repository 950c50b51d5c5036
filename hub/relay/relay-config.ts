/** The `relay` section of the hub config. Off unless the household turns it on. */
export interface RelayConfig {
  readonly enabled: boolean;
  /** The relay's base URL. Must be https:// (plain http is accepted only for a loopback address). */
  readonly url: string;
  /** A CA certificate (PEM file) to trust for a relay with its own certificate authority; '' uses the system's. */
  readonly caFile: string;
  /** Given by the relay's operator; needed once, to register this hub's key. */
  readonly enrolmentToken: string;
  readonly research: {
    /** Local differential privacy: ε spent per person and day, shared by every value sent for that day. */
    readonly epsilonPerDay: number;
    /** Pseudonyms change every period, so the relay cannot link one period to the next. */
    readonly pseudonymPeriod: 'day' | 'week' | 'month';
    readonly metrics: readonly string[];
  };
  readonly outbox: {
    /** Batches kept while the relay is away; beyond this the oldest research batch is dropped (and counted). */
    readonly maxBatches: number;
    readonly retryBaseMs: number;
    readonly retryMaxMs: number;
  };
  readonly backup: {
    readonly chunkBytes: number;
  };
}

export const DEFAULT_RELAY_CONFIG: RelayConfig = {
  enabled: false,
  url: '',
  caFile: '',
  enrolmentToken: '',
  research: {
    epsilonPerDay: 1,
    pseudonymPeriod: 'day',
    metrics: ['heart_rate', 'resting_heart_rate', 'spo2', 'body_temperature', 'bp_systolic', 'bp_diastolic', 'body_weight', 'glucose', 'steps', 'respiratory_rate', 'hrv_rmssd'],
  },
  // A year of daily batches at the default schedule fits in 400.
  outbox: { maxBatches: 400, retryBaseMs: 30_000, retryMaxMs: 6 * 3_600_000 },
  backup: { chunkBytes: 1024 * 1024 },
};

export const relayConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    url: { type: 'string' },
    caFile: { type: 'string' },
    enrolmentToken: { type: 'string', maxLength: 200 },
    research: {
      type: 'object',
      additionalProperties: false,
      properties: {
        epsilonPerDay: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
        pseudonymPeriod: { type: 'string', enum: ['day', 'week', 'month'] },
        metrics: { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' }, maxItems: 64 },
      },
    },
    outbox: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxBatches: { type: 'integer', minimum: 1, maximum: 100_000 },
        retryBaseMs: { type: 'integer', minimum: 100, maximum: 3_600_000 },
        retryMaxMs: { type: 'integer', minimum: 1000, maximum: 7 * 86_400_000 },
      },
    },
    backup: {
      type: 'object',
      additionalProperties: false,
      properties: { chunkBytes: { type: 'integer', minimum: 4096, maximum: 8 * 1024 * 1024 } },
    },
  },
} as const;
