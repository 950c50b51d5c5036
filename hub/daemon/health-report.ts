/** The hub's own health, as `GET /api/v1/health` answers it and the metrics and status topics read it. */
export type { HealthReport } from '../api/contract/health.js';
