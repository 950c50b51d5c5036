import { metricDefinition, shownDecimals, toShown } from '../format/metric-format.js';

/** Room above and below the data, as a share of what the axis spans. */
const PAD = 0.1;

interface Bounds {
  readonly min: number;
  readonly max: number;
}

function union(bounds: readonly (Bounds | undefined)[]): Bounds | undefined {
  const known = bounds.filter((b): b is Bounds => b !== undefined);
  if (known.length === 0) return undefined;
  return { min: Math.min(...known.map((b) => b.min)), max: Math.max(...known.map((b) => b.max)) };
}

function shown(metric: string, bounds: Bounds | undefined): Bounds | undefined {
  return bounds === undefined ? undefined : { min: toShown(metric, bounds.min), max: toShown(metric, bounds.max) };
}

/**
 * The value axis of a chart of one or more metrics (blood pressure's two), in the shown unit:
 * fitted to the data with a little room, never narrower than a tenth of the metric's usual range
 * (a steady SpO2 of 97 % does not fill the chart with noise), and never beyond what the metric
 * can be (no SpO2 above 100 %, no axis from 0 for it). Without data, the usual range.
 */
export function valueAxisRange(metrics: readonly string[], dataMin: number | null, dataMax: number | null): [number, number] {
  const limits = union(metrics.map((m) => shown(m, metricDefinition(m)?.plausible?.reject)));
  const usual = union(metrics.map((m) => shown(m, metricDefinition(m)?.plausible?.usual)));
  if (dataMin === null || dataMax === null || !Number.isFinite(dataMin) || !Number.isFinite(dataMax)) {
    const empty = usual ?? limits ?? { min: 0, max: 1 };
    return [empty.min, empty.max];
  }
  const step = 10 ** -Math.min(...metrics.map(shownDecimals));
  const minSpan = usual !== undefined ? (usual.max - usual.min) / 10 : 10 * step;
  const span = Math.max(dataMax - dataMin, minSpan);
  const middle = (dataMin + dataMax) / 2;
  let low = middle - span / 2 - span * PAD;
  let high = middle + span / 2 + span * PAD;
  if (limits !== undefined) {
    // Moved inside what the metric can be, keeping the span where there is room for it.
    if (high > limits.max) [low, high] = [low - (high - limits.max), limits.max];
    if (low < limits.min) [low, high] = [limits.min, Math.min(limits.max, high + (limits.min - low))];
  }
  return [low, high];
}
