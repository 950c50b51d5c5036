import type { Logger } from 'pino';
import type { RejectionReason } from '../bus/hub-events.js';

const LOG_EVERY_MS = 60_000;

/**
 * Counts rejected readings by reason and by metric, and logs them without flooding: the first
 * rejection of a (device, metric, reason) is logged at once, later ones as a count once a minute.
 * Values are logged only at debug: they are health data.
 */
export class RejectionCounter {
  private readonly byReason = new Map<RejectionReason, number>();
  private readonly byMetric = new Map<string, number>();
  private readonly lastLogged = new Map<string, { at: number; suppressed: number }>();
  private total = 0;

  constructor(private readonly logger: Logger) {}

  record(now: number, deviceId: string, metric: string, reason: RejectionReason, detail: string, value?: number): void {
    this.total++;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    this.byMetric.set(metric, (this.byMetric.get(metric) ?? 0) + 1);
    this.logger.debug({ deviceId, metric, reason, detail, rejectedValue: value }, 'reading rejected');
    const key = `${deviceId}|${metric}|${reason}`;
    const last = this.lastLogged.get(key);
    if (last === undefined || now - last.at >= LOG_EVERY_MS) {
      const suppressed = last?.suppressed ?? 0;
      this.logger.info({ deviceId, metric, reason, detail, alsoRejectedSinceLastLog: suppressed }, 'reading rejected');
      this.lastLogged.set(key, { at: now, suppressed: 0 });
      if (this.lastLogged.size > 10_000) this.lastLogged.clear();
    } else {
      last.suppressed++;
    }
  }

  get count(): number {
    return this.total;
  }

  snapshot(): { total: number; byReason: Record<string, number>; byMetric: Record<string, number> } {
    return { total: this.total, byReason: Object.fromEntries(this.byReason), byMetric: Object.fromEntries(this.byMetric) };
  }
}
