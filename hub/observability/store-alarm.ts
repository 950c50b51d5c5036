import type { HubBus } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import type { WriterStats } from '../store/index.js';

export const STORE_ALARM_RULE = 'hub_store_write';

/**
 * Raises a household-wide alert on the bus while the store cannot write (disk full, I/O error)
 * and resolves it once commits succeed again, so that the dashboard, MQTT and speech channels
 * tell the household; readings stay queued in memory meanwhile (up to store.maxQueued).
 */
export class StoreAlarm {
  private open: { id: string; raisedAt: number } | undefined;
  private flushes = 0;
  private failedFlushes = 0;
  private failing = false;

  constructor(
    private readonly bus: HubBus,
    private readonly clock: Clock,
    private readonly writer: () => WriterStats,
  ) {}

  get raised(): boolean {
    return this.open !== undefined;
  }

  /**
   * Whether the writer's latest attempt failed. Read from the counters, not from `lastError`, which
   * keeps the last failure's text after writes have resumed.
   */
  private failingNow(stats: WriterStats): boolean {
    if (stats.flushes > this.flushes) this.failing = false;
    else if (stats.failedFlushes > this.failedFlushes) this.failing = true;
    this.flushes = stats.flushes;
    this.failedFlushes = stats.failedFlushes;
    return this.failing;
  }

  check(): void {
    const stats = this.writer();
    const now = this.clock.now();
    const failing = this.failingNow(stats);
    if (failing && this.open === undefined) {
      this.open = { id: `hub-store-${now}`, raisedAt: now };
      this.bus.emit('alert.changed', {
        id: this.open.id,
        severity: 'critical',
        title: 'Hearth cannot save readings',
        spoken: 'Hearth cannot save new readings. The storage may be full.',
        explanation: `The database cannot be written (${stats.lastError ?? 'unknown error'}). Readings are kept in memory and saved as soon as space returns; free space on the storage or replace it.`,
        state: 'raised',
        change: 'raised',
        rule: STORE_ALARM_RULE,
        ts: now,
        raisedAt: now,
        data: { queued: stats.queued, failedFlushes: stats.failedFlushes },
      });
    } else if (!failing && this.open !== undefined) {
      const { id, raisedAt } = this.open;
      this.open = undefined;
      this.bus.emit('alert.changed', {
        id,
        severity: 'critical',
        title: 'Hearth saves readings again',
        spoken: 'Hearth saves readings again.',
        explanation: 'The database can be written again; the readings kept in memory were saved.',
        state: 'resolved',
        change: 'resolved',
        rule: STORE_ALARM_RULE,
        ts: now,
        raisedAt,
        resolvedAt: now,
        data: { dropped: stats.dropped },
      });
    }
  }
}
