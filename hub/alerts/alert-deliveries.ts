import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import type { Delivery } from './alert-channel.js';
import type { AlertHistoryEntry } from './alert-record.js';
import type { AlertStore } from './alert-store.js';

/**
 * The loud channels' deliveries, each in its own time: what each did (told someone, failed, or had
 * no one to tell) goes into the alert's history, and `settled` waits for every one started so far.
 * Shared by the engine's own channels and the ones that hear alerts on the bus (the speaker).
 */
export class AlertDeliveries {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: AlertStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /**
   * `deliver` resolves true when it told someone, false when the delivery was not for it. With
   * `missingRecipient` the channel said beforehand that no one is there: the delivery still runs
   * (a speaker without a device still writes its sound file), and the history says no one was told.
   */
  run(alertId: string, channel: string, kind: Delivery['kind'], deliver: () => Promise<boolean> | boolean, missingRecipient?: string): void {
    const done = (async () => {
      try {
        const told = await deliver();
        if (kind === 'update') return;
        if (missingRecipient !== undefined) this.note(alertId, { ts: this.clock.now(), kind: 'no_recipient', channel, detail: `${kind}: ${missingRecipient}` });
        else if (told) this.note(alertId, { ts: this.clock.now(), kind: 'notified', channel, detail: kind });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.note(alertId, { ts: this.clock.now(), kind: 'delivery_failed', channel, detail: `${kind}: ${reason}` });
        this.logger.warn({ alertId, channel, err: reason }, 'alert delivery failed');
      }
    })();
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  /** Resolves once every delivery started so far has finished (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** A line of the alert's history written now, for what no channel delivery says (an escalation to nobody). */
  noteNow(alertId: string, event: Omit<AlertHistoryEntry, 'ts'>): void {
    this.note(alertId, { ts: this.clock.now(), ...event });
  }

  /** A delivery that ends after the store closed (the hub stopping) only loses its history line. */
  private note(alertId: string, event: AlertHistoryEntry): void {
    try {
      this.store.note(alertId, event);
    } catch (error) {
      this.logger.warn({ alertId, err: error instanceof Error ? error.message : String(error) }, 'alert history line not written');
    }
  }
}
