/** The hub's own health, as `GET /api/v1/health` answers it and the metrics and status topics read it. */
export interface HealthReport {
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly uptimeS: number;
  readonly problems: readonly string[];
  readonly store: Record<string, unknown>;
  readonly writer: Record<string, unknown>;
  readonly ingest: Record<string, unknown>;
}
