import { Type } from 'typebox';
import { defaultsOf, Section, type Settings } from '../config/config-types.js';

/** Who may read `GET /metrics`: the box itself, holders of an API token with the read scope, or anyone on the LAN. */
const metricsAccessSchema = Type.Enum(['loopback', 'token', 'open'], { default: 'loopback' });

export type MetricsAccess = Settings<typeof metricsAccessSchema>;

/** The `observability` section of the hub config: metrics, the systemd watchdog's health limits. */
export const observabilityConfigSchema = Section({
  enabled: Type.Boolean({ default: true }),
  metrics: Section({ access: metricsAccessSchema }),
  watchdog: Section({
    /** Event-loop delay (p99 over the last ping interval) above which the hub stops pinging. */
    maxLagMs: Type.Integer({ minimum: 100, maximum: 600_000, default: 5000 }),
    /** Longest queued readings may wait for a commit before the writer counts as stuck. */
    maxFlushWaitMs: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 30_000 }),
  }),
});

export type ObservabilityConfig = Settings<typeof observabilityConfigSchema>;

export const DEFAULT_OBSERVABILITY_CONFIG: ObservabilityConfig = defaultsOf(observabilityConfigSchema);
