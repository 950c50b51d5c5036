import type { WriterStats } from '../store/index.js';

/** Monotonic milliseconds (performance.now): a wall-clock jump must not look like a stuck writer. */
export type MonotonicMs = () => number;

export interface WriterVerdict {
  readonly healthy: boolean;
  readonly reason?: string;
}

/**
 * Watches the store writer over time for the watchdog: it is healthy while nothing has waited in
 * its queue longer than `maxWaitMs` without the writer trying to commit it. A writer that tries and
 * fails (disk full) still counts as alive: a restart would not give the disk space back and would
 * lose the queued readings, so that case is reported on /api/v1/health and in the metrics instead.
 */
export class WriterProgress {
  private lastAttempts = -1;
  private lastProgressAt: number;

  constructor(
    private readonly stats: () => WriterStats,
    private readonly now: MonotonicMs,
    private readonly maxWaitMs: number,
  ) {
    this.lastProgressAt = now();
  }

  check(): WriterVerdict {
    const stats = this.stats();
    const now = this.now();
    const attempts = stats.flushes + stats.failedFlushes;
    if (attempts !== this.lastAttempts || stats.queued === 0) {
      this.lastAttempts = attempts;
      this.lastProgressAt = now;
    }
    const waited = now - this.lastProgressAt;
    if (waited > this.maxWaitMs) return { healthy: false, reason: `${stats.queued} readings have waited ${Math.round(waited / 1000)} s without a commit attempt` };
    return { healthy: true };
  }
}
