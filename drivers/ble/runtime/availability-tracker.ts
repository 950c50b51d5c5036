import type { Clock } from '../../../core/clock.js';
import type { Scheduler } from '../../../core/scheduler.js';

interface Presence {
  lastHeard: number;
  timeoutMs: number;
  available: boolean;
  connected: boolean;
}

export interface AvailabilityOptions {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly defaultTimeoutMs: number;
  readonly onChange: (deviceId: string, available: boolean, ts: number) => void;
}

/**
 * Whether each device is around: available from the first advertisement or notification, and
 * unavailable once it has been quiet for its timeout (a device's own, or the default). A device
 * holding a link is available however long it is quiet.
 */
export class AvailabilityTracker {
  private readonly devices = new Map<string, Presence>();
  private cancel: (() => void) | undefined;

  constructor(private readonly options: AvailabilityOptions) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  heard(deviceId: string, timeoutMs?: number): void {
    const now = this.options.clock.now();
    const presence = this.devices.get(deviceId);
    if (presence === undefined) {
      this.devices.set(deviceId, { lastHeard: now, timeoutMs: timeoutMs ?? this.options.defaultTimeoutMs, available: true, connected: false });
      this.options.onChange(deviceId, true, now);
      return;
    }
    presence.lastHeard = now;
    if (timeoutMs !== undefined) presence.timeoutMs = timeoutMs;
    if (!presence.available) {
      presence.available = true;
      this.options.onChange(deviceId, true, now);
    }
  }

  linked(deviceId: string, connected: boolean): void {
    const presence = this.devices.get(deviceId);
    if (presence === undefined) return;
    presence.connected = connected;
    presence.lastHeard = this.options.clock.now();
  }

  isAvailable(deviceId: string): boolean | undefined {
    return this.devices.get(deviceId)?.available;
  }

  /** Marks the devices quiet for longer than their timeout; runs by itself once started. */
  check(): void {
    const now = this.options.clock.now();
    for (const [deviceId, presence] of this.devices) {
      if (!presence.available || presence.connected || now - presence.lastHeard < presence.timeoutMs) continue;
      presence.available = false;
      this.options.onChange(deviceId, false, now);
    }
  }

  private schedule(): void {
    const interval = Math.min(60_000, Math.max(250, this.options.defaultTimeoutMs / 4));
    this.cancel = this.options.scheduler.after(interval, () => {
      this.check();
      this.schedule();
    });
  }
}
