import { signal, type ReadonlySignal } from '@preact/signals';
import type { TimeRange } from './time-range.js';

/** Narrowest range a zoom may reach: below this raw readings are already all on screen. */
export const MIN_RANGE_MS = 60_000;

/** A phone's screen, as the stylesheet's one-column layout takes it. */
export const PHONE_QUERY = '(max-width: 640px)';

export interface TimelineOptions {
  /** Whether zooms keep the right edge at now (a phone's narrow chart shows the latest data); asked at each zoom. */
  readonly anchoredAtNow?: () => boolean;
  readonly now?: () => number;
}

function onPhone(): boolean {
  return typeof matchMedia === 'function' && matchMedia(PHONE_QUERY).matches;
}

/**
 * The time range all of a person's charts show: a zoom in one is a zoom in all. Zooms keep a
 * history, so zooming out returns where one came from; a new range from the page's buttons starts
 * it again. On a phone every zoom ends at now, so the newest readings stay in sight.
 */
export class ChartTimeline {
  private readonly shown = signal<TimeRange>({ from: 0, to: 0 });
  private readonly history: TimeRange[] = [];
  private readonly anchoredAtNow: () => boolean;
  private readonly now: () => number;

  constructor(initial: TimeRange, options: TimelineOptions = {}) {
    this.anchoredAtNow = options.anchoredAtNow ?? onPhone;
    this.now = options.now ?? Date.now;
    this.shown.value = rounded(initial);
  }

  get range(): ReadonlySignal<TimeRange> {
    return this.shown;
  }

  /** A range of the page's buttons: zoom history starts again from it. */
  show(range: TimeRange): void {
    this.history.length = 0;
    this.shown.value = rounded(range);
  }

  zoomTo(range: TimeRange): void {
    this.history.push(this.shown.peek());
    this.shown.value = this.fitted(range);
  }

  zoomIn(): void {
    const { from, to } = this.shown.peek();
    const middle = (from + to) / 2;
    const quarter = (to - from) / 4;
    this.zoomTo({ from: middle - quarter, to: middle + quarter });
  }

  zoomOut(): void {
    const previous = this.history.pop();
    if (previous !== undefined) {
      this.shown.value = this.anchoredAtNow() ? this.endingNow(previous.to - previous.from) : previous;
      return;
    }
    const { from, to } = this.shown.peek();
    const width = to - from;
    this.shown.value = this.anchoredAtNow() ? this.endingNow(width * 2) : rounded({ from: from - width / 2, to: Math.min(this.now(), to + width / 2) });
  }

  /** At least the narrowest range, around the middle of the one asked for; on a phone, as wide but ending now. */
  private fitted(range: TimeRange): TimeRange {
    const width = Math.max(MIN_RANGE_MS, range.to - range.from);
    if (this.anchoredAtNow()) return this.endingNow(width);
    const middle = (range.from + range.to) / 2;
    return rounded({ from: middle - width / 2, to: middle + width / 2 });
  }

  private endingNow(width: number): TimeRange {
    const to = this.now();
    return rounded({ from: to - width, to });
  }
}

function rounded(range: TimeRange): TimeRange {
  return { from: Math.round(range.from), to: Math.round(range.to) };
}
