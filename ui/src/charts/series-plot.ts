import { effect } from '@preact/signals';
import uPlot from 'uplot';
import { formatTimeTick } from '../format/freshness.js';
import { formatShown } from '../format/metric-format.js';
import { drawnDark } from '../state/theme.js';
import { chartColors } from './chart-colors.js';
import type { ChartColumns } from './gapped-series.js';
import type { TimeRange } from './time-range.js';

const HEIGHT = 220;

/**
 * uPlot drawing one metric's average with its low-high band into a host element: sized to the
 * host, redrawn in the page's colours when the theme changes, and a drag across it reported as a
 * range to zoom to. `destroy` leaves nothing behind (plot, observer, theme subscription).
 */
export class SeriesPlot {
  private plot: uPlot | undefined;
  private columns: ChartColumns = [[], [], [], []];
  private range: TimeRange | undefined;
  private readonly resize = new ResizeObserver(() => this.fit());
  private readonly stopTheme: () => void;

  constructor(
    private readonly host: HTMLElement,
    private readonly metric: string,
    private readonly onDragged: (range: TimeRange) => void,
  ) {
    this.resize.observe(host);
    let first = true;
    this.stopTheme = effect(() => {
      void drawnDark.value;
      if (!first) this.rebuild();
      first = false;
    });
  }

  /** The width to ask the hub for points by: about one point per pixel. */
  get width(): number {
    return this.host.clientWidth;
  }

  show(columns: ChartColumns, range: TimeRange): void {
    this.columns = columns;
    this.range = range;
    this.draw();
  }

  destroy(): void {
    this.resize.disconnect();
    this.stopTheme();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private draw(): void {
    const range = this.range;
    if (range === undefined) return;
    this.plot ??= this.create();
    this.plot.batch(() => {
      this.plot?.setData(this.columns, false);
      this.plot?.setScale('x', { min: range.from / 1000, max: range.to / 1000 });
    });
  }

  private rebuild(): void {
    this.plot?.destroy();
    this.plot = undefined;
    this.draw();
  }

  private fit(): void {
    const width = this.host.clientWidth;
    if (this.plot !== undefined && width > 0 && Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: HEIGHT });
  }

  private create(): uPlot {
    const colors = chartColors();
    const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
    const digits = (value: number | null): string => (value === null ? '–' : formatShown(this.metric, value));
    const options: uPlot.Options = {
      width: this.host.clientWidth || 600,
      height: HEIGHT,
      scales: { x: { time: true } },
      series: [
        {},
        { label: 'Average', stroke: colors.line, width: 2, spanGaps: false, value: (_u, v) => digits(v) },
        { label: 'Lowest', stroke: colors.band, width: 1, spanGaps: false, value: (_u, v) => digits(v) },
        { label: 'Highest', stroke: colors.band, width: 1, spanGaps: false, value: (_u, v) => digits(v) },
      ],
      bands: [{ series: [3, 2], fill: colors.band }],
      // Times in the household's clock format: uPlot's own ticks are 12-hour.
      axes: [{ ...axis, values: (_u, splits, _axis, _space, step) => splits.map((s) => formatTimeTick(s * 1000, step * 1000)) }, { ...axis, size: 48 }],
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { live: true },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width < 4) return;
            const from = u.posToVal(u.select.left, 'x') * 1000;
            const to = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            this.onDragged({ from, to });
          },
        ],
      },
    };
    return new uPlot(options, this.columns, this.host);
  }
}
