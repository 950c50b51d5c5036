import type { Logger } from 'pino';
import { Backoff, type BackoffPolicy } from '../../../core/backoff.js';
import type { Clock } from '../../../core/clock.js';

export interface ConnectionManagerOptions {
  /** Concurrent links the radio holds (a Pi's onboard radio: 2–5). */
  readonly maxConnections: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Delay before the next attempt after a failed one, growing with each failure, with jitter. */
  readonly backoff: BackoffPolicy;
  /** Pause after a link that worked, so a cuff that just sent its memory is not reconnected at once. */
  readonly settleMs: number;
  readonly random?: () => number;
}

interface DeviceLink {
  active: boolean;
  notBefore: number;
  readonly backoff: Backoff;
}

/** What a link attempt reports: whether the device's session started (the link "worked"). */
export type LinkOutcome = { readonly established: boolean; readonly error?: Error };

/**
 * Decides when to connect: at most `maxConnections` links at once, one per device, and a device
 * whose link failed waits out an exponential backoff with jitter before the next try. Attempts
 * are triggered by the device's advertisements, so a device that is away is not hammered.
 */
export class ConnectionManager {
  private readonly links = new Map<string, DeviceLink>();
  private activeCount = 0;
  private stopped = false;

  constructor(private readonly options: ConnectionManagerOptions) {}

  /** The device advertised and wants a link; `run` holds it until it ends. Returns whether it started. */
  offer(deviceId: string, run: () => Promise<LinkOutcome>): boolean {
    if (this.stopped) return false;
    const link = this.linkOf(deviceId);
    const now = this.options.clock.now();
    if (link.active || now < link.notBefore || this.activeCount >= this.options.maxConnections) return false;
    link.active = true;
    this.activeCount++;
    void this.hold(deviceId, link, run);
    return true;
  }

  get active(): number {
    return this.activeCount;
  }

  isActive(deviceId: string): boolean {
    return this.links.get(deviceId)?.active ?? false;
  }

  stop(): void {
    this.stopped = true;
  }

  private async hold(deviceId: string, link: DeviceLink, run: () => Promise<LinkOutcome>): Promise<void> {
    let outcome: LinkOutcome;
    try {
      outcome = await run();
    } catch (error) {
      outcome = { established: false, error: error as Error };
    }
    link.active = false;
    this.activeCount--;
    const now = this.options.clock.now();
    if (outcome.established) {
      link.backoff.reset();
      link.notBefore = now + this.options.settleMs;
      return;
    }
    const delay = link.backoff.next();
    link.notBefore = now + delay;
    this.options.logger.info({ deviceId, reason: outcome.error?.message, retryInMs: Math.round(delay) }, 'BLE link failed; will retry when the device is heard again');
  }

  private linkOf(deviceId: string): DeviceLink {
    let link = this.links.get(deviceId);
    if (link === undefined) {
      link = { active: false, notBefore: 0, backoff: new Backoff(this.options.backoff, this.options.random) };
      this.links.set(deviceId, link);
    }
    return link;
  }
}
