import { signal, type ReadonlySignal } from '@preact/signals';
import type { TimeRange } from './time-range.js';

/** Narrowest range a zoom may reach: below this raw readings are already all on screen. */
export const MIN_RANGE_MS = 60_000;

/** A phone's screen, as the stylesheet's one-column layout takes it. */
export const PHONE_QUERY = '(max-width: 640px)';

export interface TimelineOptions {
  /** Whether zooms keep the right edge at the latest data (a phone's narrow chart); asked at each zoom. */
  readonly anchored?: () => boolean;
  /** Where the latest data ends: now for a person's charts (the default), the night's end for a night's. */
  readonly latest?: () => number;
}

function onPhone(): boolean {
  return typeof matchMedia === 'function' && matchMedia(PHONE_QUERY).matches;
}

/**
 * The time range all of a person's charts show: a zoom in one is a zoom in all. Zooms keep a
 * history, so zooming out returns where one came from; a new range from the page's buttons starts
 * it again. On a phone every zoom ends at the latest data (now, unless the charts show a past
 * night), so the newest readings stay in sight; nothing zooms out past it.
 */
export class ChartTimeline {
  private readonly shown = signal<TimeRange>({ from: 0, to: 0 });
  private readonly history: TimeRange[] = [];
  /** A zoom moved the range since the page's buttons last set it (history may be empty after zooming out past it). */
  private moved = false;
  private readonly anchored: () => boolean;
  private readonly latest: () => number;

  constructor(initial: TimeRange, options: TimelineOptions = {}) {
    this.anchored = options.anchored ?? onPhone;
    this.latest = options.latest ?? Date.now;
    this.shown.value = rounded(initial);
  }

  get range(): ReadonlySignal<TimeRange> {
    return this.shown;
  }

  /** Whether a zoom moved the range away from the one the page's buttons set. */
  get zoomed(): boolean {
    return this.moved;
  }

  /** A range of the page's buttons: zoom history starts again from it. */
  show(range: TimeRange): void {
    this.history.length = 0;
    this.moved = false;
    this.shown.value = rounded(range);
  }

  zoomTo(range: TimeRange): void {
    this.moved = true;
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
    this.moved = true;
    const previous = this.history.pop();
    if (previous !== undefined) {
      this.shown.value = this.anchored() ? this.endingAtLatest(previous.to - previous.from) : previous;
      return;
    }
    const { from, to } = this.shown.peek();
    const width = to - from;
    this.shown.value = this.anchored() ? this.endingAtLatest(width * 2) : rounded({ from: from - width / 2, to: Math.min(this.latest(), to + width / 2) });
  }

  /** At least the narrowest range, around the middle of the one asked for; on a phone, as wide but ending at the latest data. */
  private fitted(range: TimeRange): TimeRange {
    const width = Math.max(MIN_RANGE_MS, range.to - range.from);
    if (this.anchored()) return this.endingAtLatest(width);
    const middle = (range.from + range.to) / 2;
    return rounded({ from: middle - width / 2, to: middle + width / 2 });
  }

  private endingAtLatest(width: number): TimeRange {
    const to = this.latest();
    return rounded({ from: to - width, to });
  }
}

function rounded(range: TimeRange): TimeRange {
  return { from: Math.round(range.from), to: Math.round(range.to) };
}
