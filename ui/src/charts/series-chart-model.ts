import { batch, signal } from '@preact/signals';
import { api } from '../api/client.js';
import type { SeriesAnswer, SeriesResolution } from '../api/types.js';
import { formatDateTime } from '../format/freshness.js';
import { formatValue, metricLabel, metricUnit, toShown } from '../format/metric-format.js';
import { resolutionLabel, toGappedColumns, type ChartColumns } from './gapped-series.js';
import type { SeriesPlot } from './series-plot.js';
import type { TimeRange } from './time-range.js';

/** Narrowest range a zoom may reach: below this raw readings are already all on screen. */
const MIN_RANGE_MS = 60_000;

/** What the chart shows now, written on its element for tests and assistive technology. */
export interface ShownSeries {
  readonly range: TimeRange;
  readonly resolution: SeriesResolution;
  readonly points: number;
  readonly gaps: number;
  readonly caption: string;
  /** Lowest, average and highest in words, or that there were no readings. */
  readonly summary: string;
  readonly plotLabel: string;
}

/**
 * One person's metric over a range that zooms. Each range change asks the hub again with about
 * one point per pixel, so a 30-day view arrives as hourly or daily rollups and a zoomed-in one as
 * the readings themselves. Zooming keeps a history, so zooming out returns where one came from.
 */
export class SeriesChartModel {
  readonly busy = signal(true);
  readonly shown = signal<ShownSeries | undefined>(undefined);
  /** "Loading…" or why the last load failed; empty when the summary says it all. */
  readonly message = signal('');
  private range: TimeRange = { from: 0, to: 0 };
  private readonly history: TimeRange[] = [];
  private request = 0;
  private plot: SeriesPlot | undefined;

  constructor(
    private readonly personId: string,
    readonly metric: string,
  ) {}

  attach(plot: SeriesPlot): void {
    this.plot = plot;
  }

  /** Stops answers still on their way from drawing into a plot that is gone. */
  detach(): void {
    this.request++;
    this.plot = undefined;
  }

  /** Shows a new range (the page's range buttons); zoom history starts again from it. */
  showRange(range: TimeRange): void {
    this.history.length = 0;
    void this.load(range);
  }

  zoomTo(range: TimeRange): void {
    if (range.to - range.from < MIN_RANGE_MS) {
      const middle = (range.from + range.to) / 2;
      range = { from: Math.round(middle - MIN_RANGE_MS / 2), to: Math.round(middle + MIN_RANGE_MS / 2) };
    }
    this.history.push(this.range);
    void this.load(range);
  }

  zoomIn(): void {
    const middle = (this.range.from + this.range.to) / 2;
    const half = (this.range.to - this.range.from) / 4;
    this.zoomTo({ from: Math.round(middle - half), to: Math.round(middle + half) });
  }

  zoomOut(): void {
    const previous = this.history.pop();
    if (previous !== undefined) void this.load(previous);
    else {
      const width = this.range.to - this.range.from;
      void this.load({ from: this.range.from - width / 2, to: Math.min(Date.now(), this.range.to + width / 2) });
    }
  }

  private async load(range: TimeRange): Promise<void> {
    const request = ++this.request;
    this.range = { from: Math.round(range.from), to: Math.round(range.to) };
    batch(() => {
      this.busy.value = true;
      this.message.value = 'Loading…';
    });
    try {
      const answer = await api.get<SeriesAnswer>('/series', {
        personId: this.personId,
        metric: this.metric,
        from: this.range.from,
        to: this.range.to,
        maxPoints: Math.max(100, Math.min(2000, Math.round(this.plot?.width || 600))),
      });
      if (request !== this.request) return;
      const columns = this.inShownUnit(toGappedColumns(answer));
      this.plot?.show(columns, this.range);
      batch(() => {
        this.shown.value = this.describe(answer, columns[1].filter((v) => v === null).length);
        this.message.value = '';
        this.busy.value = false;
      });
    } catch (error) {
      if (request !== this.request) return;
      batch(() => {
        this.message.value = error instanceof Error ? error.message : String(error);
        this.busy.value = false;
      });
    }
  }

  /** The plot draws in the unit the household reads (lb, °F, mmol/L); the hub answers in the canonical one. */
  private inShownUnit(columns: ChartColumns): ChartColumns {
    const shown = (values: (number | null)[]): (number | null)[] => values.map((v) => (v === null ? null : toShown(this.metric, v)));
    return [columns[0], shown(columns[1]), shown(columns[2]), shown(columns[3])];
  }

  private describe(answer: SeriesAnswer, gaps: number): ShownSeries {
    const { from, to } = this.range;
    const label = `${metricLabel(this.metric)} from ${formatDateTime(from)} to ${formatDateTime(to)}`;
    const shown = { range: this.range, resolution: answer.resolution, points: answer.points.length, gaps, caption: `${formatDateTime(from)} – ${formatDateTime(to)} · ${resolutionLabel(answer)}` };
    if (answer.points.length === 0) return { ...shown, summary: 'No readings in this period.', plotLabel: `${label}: no readings` };
    const low = Math.min(...answer.points.map((p) => p.min));
    const high = Math.max(...answer.points.map((p) => p.max));
    const mean = answer.points.reduce((sum, p) => sum + p.value, 0) / answer.points.length;
    const summary = `Lowest ${formatValue(this.metric, low)}, average ${formatValue(this.metric, mean)}, highest ${formatValue(this.metric, high)} ${metricUnit(this.metric)}`;
    return { ...shown, summary, plotLabel: `${label}: ${summary}` };
  }
}
