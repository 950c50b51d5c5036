import uPlot from 'uplot';
import { chartColors } from './chart-colors.js';
import { followHost } from './plot-host.js';

const HEIGHT = 200;
const DAY_S = 86_400;

/** One of the two quantities a daily chart sets side by side, each on its own axis. */
export interface DailyQuantity {
  /** "Sodium", "Systolic". */
  readonly label: string;
  /** "mg", "mmHg". */
  readonly unit: string;
  readonly decimals: number;
  /** Drawn as a day's bar (an amount taken in) or as a day's point on a line (a measurement). */
  readonly drawn: 'bars' | 'points';
}

/**
 * uPlot drawing two daily quantities of different units on one chart, the first on the left axis
 * and the second on the right, over dates (noon of each, so a bar sits on its day). A day without
 * a value is a gap, never a zero. Redrawn in the page's colours when the theme changes; `destroy`
 * leaves nothing behind.
 */
export class DailyPairPlot {
  private plot: uPlot | undefined;
  private data: uPlot.AlignedData = [[], [], []];
  private readonly stopFollowing: () => void;

  constructor(
    private readonly host: HTMLElement,
    private readonly quantities: readonly [DailyQuantity, DailyQuantity],
  ) {
    this.stopFollowing = followHost(host, () => this.plot, HEIGHT, () => this.rebuild());
  }

  /** Dates (YYYY-MM-DD) with each quantity's value, or null. */
  show(dates: readonly string[], left: readonly (number | null)[], right: readonly (number | null)[]): void {
    const noon = dates.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000);
    this.data = [noon, [...left], [...right]];
    this.plot ??= this.create();
    this.plot.setData(this.data);
  }

  destroy(): void {
    this.stopFollowing();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private rebuild(): void {
    this.plot?.destroy();
    this.plot = undefined;
    if (this.data[0].length > 0) this.plot = this.create();
  }

  private create(): uPlot {
    const colors = chartColors();
    const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
    const tones = [colors.line, colors.line2];
    const series: uPlot.Series[] = [
      { value: (_u, v) => (v === null ? '–' : new Date(v * 1000).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' })) },
      ...this.quantities.map((q, i): uPlot.Series => {
        const tone = tones[i] ?? colors.line;
        const shown = (v: number | null): string => (v === null ? '–' : `${v.toLocaleString(undefined, { maximumFractionDigits: q.decimals })} ${q.unit}`);
        return q.drawn === 'bars'
          ? { label: q.label, scale: `q${i}`, stroke: tone, fill: colors.band, width: 1, paths: uPlot.paths.bars?.({ size: [0.6, 40] }), points: { show: false }, value: (_u, v) => shown(v) }
          : { label: q.label, scale: `q${i}`, stroke: tone, width: 2, spanGaps: true, points: { show: true, size: 6, fill: tone }, value: (_u, v) => shown(v) };
      }),
    ];
    const options: uPlot.Options = {
      width: this.host.clientWidth || 600,
      height: HEIGHT,
      scales: {
        x: { time: true, range: (_u, min, max) => [min - DAY_S / 2, max + DAY_S / 2] },
        // Amounts start at zero; a measurement's axis fits its values.
        q0: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
        q1: this.quantities[1].drawn === 'bars' ? { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } : { auto: true },
      },
      series,
      axes: [
        { ...axis, values: (_u, splits) => splits.map((s) => new Date(s * 1000).toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' })) },
        { ...axis, scale: 'q0', size: 56, label: `${this.quantities[0].label} (${this.quantities[0].unit})` },
        { ...axis, scale: 'q1', side: 1, size: 56, grid: { show: false }, label: `${this.quantities[1].label} (${this.quantities[1].unit})` },
      ],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
    };
    return new uPlot(options, this.data, this.host);
  }
}
