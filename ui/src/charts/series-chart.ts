import uPlot from 'uplot';
import { api } from '../api/client.js';
import type { SeriesAnswer } from '../api/types.js';
import { h } from '../dom.js';
import { formatDateTime } from '../format/freshness.js';
import { formatValue, metricLabel, metricUnit } from '../format/metric-format.js';
import { chartColors } from './chart-colors.js';
import { resolutionLabel, toGappedColumns, type ChartColumns } from './gapped-series.js';

export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

const HEIGHT = 220;
/** Narrowest range a zoom may reach: below this raw readings are already all on screen. */
const MIN_RANGE_MS = 60_000;

/**
 * A zoomable chart of one person's metric. Each range change asks the hub again with about one
 * point per pixel, so a 30-day view arrives as hourly or daily rollups and a zoomed-in one as the
 * readings themselves. Drag across the chart to zoom; the buttons do the same from a keyboard.
 */
export class SeriesChart {
  readonly element: HTMLElement;
  private readonly plotHost = h('div', { class: 'plot' });
  private readonly caption = h('figcaption', { class: 'chart-caption' });
  private readonly summary = h('p', { class: 'chart-summary', role: 'status' });
  private readonly zoomOut = h('button', { type: 'button', class: 'small' }, 'Zoom out');
  private plot: uPlot | undefined;
  private columns: ChartColumns = [[], [], [], []];
  private range: TimeRange;
  private readonly history: TimeRange[] = [];
  private request = 0;
  private readonly resize = new ResizeObserver(() => this.fit());
  private readonly onTheme = (): void => this.rebuild();
  private readonly media = window.matchMedia('(prefers-color-scheme: dark)');

  constructor(
    private readonly personId: string,
    readonly metric: string,
    initial: TimeRange,
  ) {
    this.range = initial;
    const zoomIn = h('button', { type: 'button', class: 'small' }, 'Zoom in');
    zoomIn.addEventListener('click', () => this.zoomAround(0.5));
    this.zoomOut.addEventListener('click', () => this.back());
    const unit = metricUnit(metric);
    this.element = h(
      'figure',
      { class: 'chart', 'data-metric': metric },
      h('div', { class: 'chart-head' }, h('h3', {}, metricLabel(metric), unit !== '' ? h('span', { class: 'muted' }, ` (${unit})`) : null), h('div', { class: 'chart-tools' }, zoomIn, this.zoomOut)),
      this.plotHost,
      this.caption,
      this.summary,
    );
    this.plotHost.setAttribute('role', 'img');
    this.resize.observe(this.plotHost);
    document.addEventListener('hearth:theme', this.onTheme);
    this.media.addEventListener('change', this.onTheme);
    void this.load(initial);
  }

  /** Shows a new range (the page's range buttons); zoom history starts again from it. */
  showRange(range: TimeRange): void {
    this.history.length = 0;
    void this.load(range);
  }

  dispose(): void {
    this.request++;
    this.resize.disconnect();
    document.removeEventListener('hearth:theme', this.onTheme);
    this.media.removeEventListener('change', this.onTheme);
    this.plot?.destroy();
    this.plot = undefined;
  }

  private zoomTo(range: TimeRange): void {
    if (range.to - range.from < MIN_RANGE_MS) {
      const middle = (range.from + range.to) / 2;
      range = { from: Math.round(middle - MIN_RANGE_MS / 2), to: Math.round(middle + MIN_RANGE_MS / 2) };
    }
    this.history.push(this.range);
    void this.load(range);
  }

  private zoomAround(factor: number): void {
    const middle = (this.range.from + this.range.to) / 2;
    const half = ((this.range.to - this.range.from) * factor) / 2;
    this.zoomTo({ from: Math.round(middle - half), to: Math.round(middle + half) });
  }

  private back(): void {
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
    this.element.setAttribute('aria-busy', 'true');
    this.summary.textContent = 'Loading…';
    try {
      const answer = await api.get<SeriesAnswer>('/series', {
        personId: this.personId,
        metric: this.metric,
        from: this.range.from,
        to: this.range.to,
        maxPoints: this.maxPoints(),
      });
      if (request !== this.request) return;
      this.columns = toGappedColumns(answer);
      this.draw();
      this.describe(answer);
    } catch (error) {
      if (request !== this.request) return;
      this.summary.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      if (request === this.request) this.element.removeAttribute('aria-busy');
    }
  }

  private maxPoints(): number {
    return Math.max(100, Math.min(2000, Math.round(this.plotHost.clientWidth || 600)));
  }

  private describe(answer: SeriesAnswer): void {
    const values = answer.points.map((p) => p.value);
    const label = `${metricLabel(this.metric)} from ${formatDateTime(this.range.from)} to ${formatDateTime(this.range.to)}`;
    this.caption.textContent = `${formatDateTime(this.range.from)} – ${formatDateTime(this.range.to)} · ${resolutionLabel(answer)}`;
    this.element.dataset['resolution'] = String(answer.resolution);
    this.element.dataset['from'] = String(this.range.from);
    this.element.dataset['to'] = String(this.range.to);
    this.element.dataset['points'] = String(answer.points.length);
    this.element.dataset['gaps'] = String(this.columns[1].filter((v) => v === null).length);
    if (values.length === 0) {
      this.summary.textContent = 'No readings in this period.';
      this.plotHost.setAttribute('aria-label', `${label}: no readings`);
      return;
    }
    const low = Math.min(...answer.points.map((p) => p.min));
    const high = Math.max(...answer.points.map((p) => p.max));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const text = `Lowest ${formatValue(this.metric, low)}, average ${formatValue(this.metric, mean)}, highest ${formatValue(this.metric, high)} ${metricUnit(this.metric)}`;
    this.summary.textContent = text;
    this.plotHost.setAttribute('aria-label', `${label}: ${text}`);
  }

  private draw(): void {
    if (this.plot === undefined) this.plot = this.create();
    this.plot.batch(() => {
      this.plot?.setData(this.columns, false);
      this.plot?.setScale('x', { min: this.range.from / 1000, max: this.range.to / 1000 });
    });
  }

  private rebuild(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.draw();
  }

  private fit(): void {
    const width = this.plotHost.clientWidth;
    if (this.plot !== undefined && width > 0 && Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: HEIGHT });
  }

  private create(): uPlot {
    const colors = chartColors();
    const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
    const digits = (value: number | null): string => (value === null ? '–' : formatValue(this.metric, value));
    const options: uPlot.Options = {
      width: this.plotHost.clientWidth || 600,
      height: HEIGHT,
      scales: { x: { time: true } },
      series: [
        {},
        { label: 'Average', stroke: colors.line, width: 2, spanGaps: false, value: (_u, v) => digits(v) },
        { label: 'Lowest', stroke: colors.band, width: 1, spanGaps: false, value: (_u, v) => digits(v) },
        { label: 'Highest', stroke: colors.band, width: 1, spanGaps: false, value: (_u, v) => digits(v) },
      ],
      bands: [{ series: [3, 2], fill: colors.band }],
      axes: [axis, { ...axis, size: 48 }],
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { live: true },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 4) return;
            const from = u.posToVal(u.select.left, 'x') * 1000;
            const to = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            this.zoomTo({ from, to });
          },
        ],
      },
    };
    return new uPlot(options, this.columns, this.plotHost);
  }
}
