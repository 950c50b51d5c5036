import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Event-loop delay over a window: read it, then start a new window. */
export class LoopLag {
  private histogram: IntervalHistogram | undefined;

  start(): void {
    this.histogram = monitorEventLoopDelay({ resolution: 20 });
    this.histogram.enable();
  }

  stop(): void {
    this.histogram?.disable();
    this.histogram = undefined;
  }

  /** p99 and max of the delay since the last call, in ms; the window restarts. */
  takeWindow(): { p99Ms: number; maxMs: number } {
    const h = this.histogram;
    if (h === undefined || h.count === 0) return { p99Ms: 0, maxMs: 0 };
    const window = { p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6 };
    h.reset();
    return window;
  }
}
