import type { DuplicateChecker } from './ingest-types.js';

/** Looks a device-timestamped reading up in the store (committed rows). */
export type StoredReadingLookup = (deviceId: string, metric: string, ts: number) => boolean;

/**
 * De-duplicates re-sent device history (same device, metric and device timestamp). Recent keys are
 * remembered in memory, which also covers readings still queued for the next flush; older ones are
 * looked up in the store, so a cuff that re-sends its memory after a hub restart adds nothing.
 */
export class DeviceHistoryDedupe implements DuplicateChecker {
  private readonly recent = new Map<string, true>();

  constructor(
    private readonly lookup: StoredReadingLookup,
    private readonly capacity = 100_000,
  ) {}

  isDuplicate(deviceId: string, metric: string, ts: number): boolean {
    return this.recent.has(key(deviceId, metric, ts)) || this.lookup(deviceId, metric, ts);
  }

  remember(deviceId: string, metric: string, ts: number): void {
    this.recent.set(key(deviceId, metric, ts), true);
    if (this.recent.size > this.capacity) {
      const oldest = this.recent.keys().next();
      if (oldest.done !== true) this.recent.delete(oldest.value);
    }
  }
}

function key(deviceId: string, metric: string, ts: number): string {
  return `${deviceId}\u0000${metric}\u0000${ts}`;
}
