/** Who may read `GET /metrics`: the box itself, holders of an API token with the read scope, or anyone on the LAN. */
export type MetricsAccess = 'loopback' | 'token' | 'open';

/** The `observability` section of the hub config: metrics, the systemd watchdog's health limits. */
export interface ObservabilityConfig {
  readonly enabled: boolean;
  readonly metrics: { readonly access: MetricsAccess };
  readonly watchdog: {
    /** Event-loop delay (p99 over the last ping interval) above which the hub stops pinging. */
    readonly maxLagMs: number;
    /** Longest queued readings may wait for a commit before the writer counts as stuck. */
    readonly maxFlushWaitMs: number;
  };
}

export const DEFAULT_OBSERVABILITY_CONFIG: ObservabilityConfig = {
  enabled: true,
  metrics: { access: 'loopback' },
  watchdog: { maxLagMs: 5000, maxFlushWaitMs: 30_000 },
};

export const observabilityConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    metrics: {
      type: 'object',
      additionalProperties: false,
      properties: { access: { type: 'string', enum: ['loopback', 'token', 'open'] } },
    },
    watchdog: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxLagMs: { type: 'integer', minimum: 100, maximum: 600_000 },
        maxFlushWaitMs: { type: 'integer', minimum: 1000, maximum: 3_600_000 },
      },
    },
  },
} as const;
