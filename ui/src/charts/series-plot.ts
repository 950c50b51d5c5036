import uPlot from 'uplot';
import { formatTimeTick } from '../format/freshness.js';
import { formatShown } from '../format/metric-format.js';
import { chartColors } from './chart-colors.js';
import type { MergedColumns } from './gapped-series.js';
import { followHost } from './plot-host.js';
import type { TimeRange } from './time-range.js';

const HEIGHT = 220;

/** One line of a plot: a metric's average with its low-high band. */
export interface PlotLine {
  readonly metric: string;
  /** Its name in the legend: "Average" when it is alone, "Systolic" beside "Diastolic". */
  readonly label: string;
}

/** Only the cursor's moves reach the other charts of a group: a drag zooms through the timeline, once. */
const MOVES_ONLY = (type: string): boolean => type === 'mousemove' || type === 'mouseleave' || type === 'mouseenter';

/**
 * uPlot drawing one or two metrics' averages, each with its low-high band, into a host element:
 * sized to the host, redrawn in the page's colours when the theme changes, the cursor shared with
 * the plots of the same `syncKey` (a person's charts), and a drag across it reported as a range to
 * zoom to. `destroy` leaves nothing behind (plot, observer, theme subscription).
 */
export class SeriesPlot {
  private plot: uPlot | undefined;
  private columns: MergedColumns;
  private range: TimeRange | undefined;
  private valueRange: [number, number] | undefined;
  /** Spans shaded behind the lines. */
  private marks: readonly TimeRange[] = [];
  private readonly stopFollowing: () => void;

  constructor(
    private readonly host: HTMLElement,
    private readonly lines: readonly PlotLine[],
    private readonly syncKey: string,
    private readonly onDragged: (range: TimeRange) => void,
  ) {
    this.columns = [[], ...lines.flatMap((): (number | null)[][] => [[], [], []])];
    this.stopFollowing = followHost(host, () => this.plot, HEIGHT, () => this.rebuild());
  }

  /** The width to ask the hub for points by: about one point per pixel. */
  get width(): number {
    return this.host.clientWidth;
  }

  /** Draws the columns over the time range, on a value axis from `valueRange[0]` to `valueRange[1]`. */
  show(columns: MergedColumns, range: TimeRange, valueRange: [number, number]): void {
    this.columns = columns;
    this.range = range;
    this.valueRange = valueRange;
    this.draw();
  }

  /** Shades these spans behind the lines (at least a couple of pixels wide, so a short one shows). */
  mark(spans: readonly TimeRange[]): void {
    this.marks = spans;
    this.plot?.redraw(false, false);
  }

  destroy(): void {
    this.stopFollowing();
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

  private create(): uPlot {
    const colors = chartColors();
    const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
    const tones = [
      { line: colors.line, band: colors.band },
      { line: colors.line2, band: colors.band2 },
    ];
    const series: uPlot.Series[] = [{}];
    const bands: uPlot.Band[] = [];
    this.lines.forEach(({ metric, label }, i) => {
      const tone = tones[i % tones.length] ?? tones[0];
      const digits = (value: number | null): string => (value === null ? '–' : formatShown(metric, value));
      const of = (part: string): string => (this.lines.length === 1 ? part : `${label} ${part.toLowerCase()}`);
      series.push(
        { label, stroke: tone?.line, width: 2, spanGaps: false, value: (_u, v) => digits(v) },
        { label: of('Lowest'), stroke: tone?.band, width: 1, spanGaps: false, value: (_u, v) => digits(v) },
        { label: of('Highest'), stroke: tone?.band, width: 1, spanGaps: false, value: (_u, v) => digits(v) },
      );
      const mean = 1 + i * 3;
      bands.push({ series: [mean + 2, mean + 1], fill: tone?.band });
    });
    const options: uPlot.Options = {
      width: this.host.clientWidth || 600,
      height: HEIGHT,
      // The value axis is the chart model's (fitted to the data and to what the metric can be), not uPlot's own;
      // uPlot asks for it again whenever the time axis is set.
      scales: { x: { time: true }, y: { range: (_u, min, max) => this.valueRange ?? [min, max] } },
      series,
      bands,
      // Times in the household's clock format: uPlot's own ticks are 12-hour.
      axes: [{ ...axis, values: (_u, splits, _axis, _space, step) => splits.map((s) => formatTimeTick(s * 1000, step * 1000)) }, { ...axis, size: 48 }],
      cursor: { drag: { x: true, y: false, setScale: false }, sync: { key: this.syncKey, setSeries: false, filters: { pub: MOVES_ONLY } } },
      legend: { live: true },
      hooks: {
        drawClear: [
          (u) => {
            if (this.marks.length === 0) return;
            u.ctx.save();
            u.ctx.fillStyle = colors.mark;
            const least = 2 * (window.devicePixelRatio || 1);
            for (const span of this.marks) {
              const left = u.valToPos(span.from / 1000, 'x', true);
              const right = u.valToPos(span.to / 1000, 'x', true);
              u.ctx.fillRect(left, u.bbox.top, Math.max(least, right - left), u.bbox.height);
            }
            u.ctx.restore();
          },
        ],
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
