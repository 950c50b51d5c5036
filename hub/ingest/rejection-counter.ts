import type { Logger } from 'pino';
import { isMetricId } from '../../core/metrics.js';
import { WHOLE_MESSAGE, type RefusalReason } from '../bus/hub-events.js';
import { RateLimitedLog } from '../log/log-limiter.js';

/** A metric name as it may be counted and logged: the catalogue's, `message`, or `unknown` for anything a sender made up. */
export function countedMetric(metric: string): string {
  return metric === WHOLE_MESSAGE || isMetricId(metric) ? metric : 'unknown';
}

/**
 * Counts what the ingest refused — readings by reason and metric, whole messages by reason — and
 * logs each without flooding: a few lines per (device, metric, reason), then a summary of how many
 * more were suppressed. Values are logged only at debug (they are health data); payload bytes never.
 */
export class RejectionCounter {
  private readonly byReason = new Map<RefusalReason, number>();
  private readonly byMetric = new Map<string, number>();
  private readonly log: RateLimitedLog;
  private total = 0;

  constructor(
    private readonly logger: Logger,
    now: () => number,
  ) {
    this.log = new RateLimitedLog(logger, now);
  }

  /** Counts one refusal; `fields` add what the log line may say (the way in, the payload's size and digest). */
  record(deviceId: string, metric: string, reason: RefusalReason, detail: string, value?: number, fields: Record<string, unknown> = {}): void {
    const counted = countedMetric(metric);
    this.total++;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    this.byMetric.set(counted, (this.byMetric.get(counted) ?? 0) + 1);
    const withValue = value !== undefined && this.logger.isLevelEnabled('debug') ? { rejectedValue: value } : {};
    const message = counted === WHOLE_MESSAGE ? 'message refused' : 'reading rejected';
    this.log.info(`${deviceId}|${counted}|${reason}`, { deviceId, metric: counted, reason, detail, ...fields, ...withValue }, message);
  }

  /** Writes the summaries of suppressed lines still owed. */
  flushLog(): void {
    this.log.flush();
  }

  get count(): number {
    return this.total;
  }

  snapshot(): { total: number; byReason: Record<string, number>; byMetric: Record<string, number> } {
    return { total: this.total, byReason: Object.fromEntries(this.byReason), byMetric: Object.fromEntries(this.byMetric) };
  }
}
