import type { Logger } from 'pino';
import type { ServiceNotifier } from './sd-notify.js';

export interface HealthVerdict {
  readonly healthy: boolean;
  readonly reason?: string;
}

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemTimers: Timers = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * Pings the systemd watchdog (WATCHDOG=1) every interval, but only while `check` says the hub is
 * healthy. When it is not, the pings stop and systemd restarts the hub after WatchdogSec; the
 * reason is logged once per spell, not once per tick.
 */
export class Watchdog {
  private handle: unknown;
  private unhealthySince: string | undefined;
  pings = 0;
  missed = 0;

  constructor(
    private readonly notifier: ServiceNotifier,
    private readonly check: () => HealthVerdict,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly timers: Timers = systemTimers,
  ) {}

  start(): void {
    this.handle = this.timers.setInterval(() => this.tick(), this.intervalMs);
  }

  stop(): void {
    if (this.handle !== undefined) this.timers.clearInterval(this.handle);
    this.handle = undefined;
  }

  tick(): void {
    const verdict = this.check();
    if (!verdict.healthy) {
      this.missed++;
      if (this.unhealthySince === undefined) this.logger.error({ reason: verdict.reason }, 'hub unhealthy: watchdog pings withheld, systemd will restart the hub');
      this.unhealthySince = verdict.reason ?? 'unhealthy';
      return;
    }
    if (this.unhealthySince !== undefined) this.logger.warn({ was: this.unhealthySince }, 'hub healthy again: watchdog pings resumed');
    this.unhealthySince = undefined;
    this.pings++;
    this.notifier.notify('WATCHDOG=1').catch((error: unknown) => this.logger.warn({ err: error }, 'watchdog ping failed'));
  }
}
