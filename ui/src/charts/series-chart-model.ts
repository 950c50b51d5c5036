import { batch, signal } from '@preact/signals';
import { api } from '../api/client.js';
import type { SeriesAnswer, SeriesResolution } from '../api/types.js';
import { formatDateTime } from '../format/freshness.js';
import { formatValue, metricUnit, toShown } from '../format/metric-format.js';
import { mergeColumns, resolutionLabel, toGappedColumns, type ChartColumns } from './gapped-series.js';
import type { PlotLine, SeriesPlot } from './series-plot.js';
import type { TimeRange } from './time-range.js';
import { valueAxisRange } from './value-axis.js';

/** What the chart shows now, written on its element for tests and assistive technology. */
export interface ShownSeries {
  readonly range: TimeRange;
  readonly resolution: SeriesResolution;
  readonly points: number;
  readonly gaps: number;
  /** The value axis, in the shown unit. */
  readonly axis: readonly [number, number];
  readonly caption: string;
  /** Lowest, average and highest in words, or that there were no readings. */
  readonly summary: string;
  readonly plotLabel: string;
}

/**
 * One person's chart of one metric, or of blood pressure's two, over the range its timeline shows.
 * Each range asks the hub again with about one point per pixel, so a 30-day view arrives as hourly
 * or daily rollups and a zoomed-in one as the readings themselves.
 */
export class SeriesChartModel {
  readonly busy = signal(true);
  readonly shown = signal<ShownSeries | undefined>(undefined);
  /** "Loading…" or why the last load failed; empty when the summary says it all. */
  readonly message = signal('');
  private request = 0;
  private plot: SeriesPlot | undefined;

  constructor(
    private readonly personId: string,
    /** Its name in words ("Blood pressure"). */
    readonly label: string,
    readonly lines: readonly PlotLine[],
  ) {}

  attach(plot: SeriesPlot): void {
    this.plot = plot;
  }

  /** Stops answers still on their way from drawing into a plot that is gone. */
  detach(): void {
    this.request++;
    this.plot = undefined;
  }

  async load(range: TimeRange): Promise<void> {
    const request = ++this.request;
    batch(() => {
      this.busy.value = true;
      this.message.value = 'Loading…';
    });
    try {
      const maxPoints = Math.max(100, Math.min(2000, Math.round(this.plot?.width || 600)));
      const answers = await Promise.all(
        this.lines.map(({ metric }) => api.get<SeriesAnswer>('/series', { personId: this.personId, metric, from: range.from, to: range.to, maxPoints })),
      );
      if (request !== this.request) return;
      const columns = answers.map((answer, i) => this.inShownUnit(this.lines[i]?.metric ?? answer.metric, toGappedColumns(answer)));
      const values = columns.flatMap((c) => [...c[2], ...c[3]]).filter((v): v is number => v !== null);
      const axis = valueAxisRange(
        this.lines.map((l) => l.metric),
        values.length > 0 ? Math.min(...values) : null,
        values.length > 0 ? Math.max(...values) : null,
      );
      this.plot?.show(mergeColumns(columns), range, axis);
      const gaps = columns.reduce((sum, c) => sum + c[1].filter((v) => v === null).length, 0);
      batch(() => {
        this.shown.value = this.describe(range, answers, gaps, axis);
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
  private inShownUnit(metric: string, columns: ChartColumns): ChartColumns {
    const shown = (values: (number | null)[]): (number | null)[] => values.map((v) => (v === null ? null : toShown(metric, v)));
    return [columns[0], shown(columns[1]), shown(columns[2]), shown(columns[3])];
  }

  private describe(range: TimeRange, answers: readonly SeriesAnswer[], gaps: number, axis: readonly [number, number]): ShownSeries {
    const { from, to } = range;
    const first = answers[0];
    const label = `${this.label} from ${formatDateTime(from)} to ${formatDateTime(to)}`;
    const points = answers.reduce((sum, a) => sum + a.points.length, 0);
    const resolution = first?.resolution ?? 'raw';
    const shown = { range, resolution, points, gaps, axis, caption: first === undefined ? '' : `${formatDateTime(from)} – ${formatDateTime(to)} · ${resolutionLabel(first)}` };
    if (points === 0) return { ...shown, summary: 'No readings in this period.', plotLabel: `${label}: no readings` };
    const parts = answers.map((answer, i) => {
      const line = this.lines[i];
      const metric = line?.metric ?? answer.metric;
      if (answer.points.length === 0) return `${line?.label ?? ''}: no readings`;
      const low = Math.min(...answer.points.map((p) => p.min));
      const high = Math.max(...answer.points.map((p) => p.max));
      const mean = answer.points.reduce((sum, p) => sum + p.value, 0) / answer.points.length;
      const words = `lowest ${formatValue(metric, low)}, average ${formatValue(metric, mean)}, highest ${formatValue(metric, high)} ${metricUnit(metric)}`.trim();
      return this.lines.length === 1 ? `${words.charAt(0).toUpperCase()}${words.slice(1)}` : `${line?.label ?? metric}: ${words}`;
    });
    const summary = parts.join('. ');
    return { ...shown, summary, plotLabel: `${label}: ${summary}` };
  }
}
