/**
 * Tateno & Glass (2001): the distribution of successive RR differences (ΔRR) in AF depends mainly on
 * the mean RR; a window whose ΔRR distribution is close, by the Kolmogorov–Smirnov distance, to the
 * AF reference for its mean RR is called AF. Used as a feature and, alone, as the baseline detector.
 */

export interface TatenoGlassReference {
  /** Lower edge of the first mean-RR bin and the bin width (ms); windows outside use the end bins. */
  readonly meanRrStartMs: number;
  readonly meanRrBinMs: number;
  /** ΔRR grid (ms) on which the cumulative distributions are tabulated. */
  readonly gridStartMs: number;
  readonly gridStepMs: number;
  readonly gridCount: number;
  /** One reference CDF per mean-RR bin, tabulated on the grid. */
  readonly cdfs: readonly (readonly number[])[];
  /** Windows whose distance is below this are called AF. */
  readonly threshold: number;
}

export interface TatenoGlassLayout {
  readonly meanRrStartMs: number;
  readonly meanRrBinMs: number;
  readonly binCount: number;
  readonly gridStartMs: number;
  readonly gridStepMs: number;
  readonly gridCount: number;
}

export const DEFAULT_TG_LAYOUT: TatenoGlassLayout = {
  meanRrStartMs: 350,
  meanRrBinMs: 50,
  binCount: 16,
  gridStartMs: -1200,
  gridStepMs: 8,
  gridCount: 301,
};

/** Fewer ΔRR than this in a bin and the neighbouring bins are pooled in, nearest first. */
const MIN_REFERENCE_DELTAS = 300;

export function meanRrBin(meanRrMs: number, start: number, width: number, count: number): number {
  const bin = Math.floor((meanRrMs - start) / width);
  return Math.min(count - 1, Math.max(0, Number.isFinite(bin) ? bin : 0));
}

/** Empirical CDF of `values` at each grid point: the share of values ≤ the point. */
export function cdfOnGrid(values: readonly number[], gridStartMs: number, gridStepMs: number, gridCount: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cdf: number[] = [];
  let below = 0;
  for (let g = 0; g < gridCount; g++) {
    const point = gridStartMs + g * gridStepMs;
    while (below < sorted.length && (sorted[below] ?? Infinity) <= point) below++;
    cdf.push(sorted.length === 0 ? Number.NaN : below / sorted.length);
  }
  return cdf;
}

/** KS distance on the grid between the window's ΔRR and the AF reference for its mean RR. */
export function tatenoGlassDistance(deltas: readonly number[], meanRrMs: number, ref: TatenoGlassReference): number {
  if (deltas.length === 0 || !Number.isFinite(meanRrMs)) return Number.NaN;
  const reference = ref.cdfs[meanRrBin(meanRrMs, ref.meanRrStartMs, ref.meanRrBinMs, ref.cdfs.length)] ?? [];
  const window = cdfOnGrid(deltas, ref.gridStartMs, ref.gridStepMs, ref.gridCount);
  let distance = 0;
  for (let g = 0; g < ref.gridCount; g++) {
    distance = Math.max(distance, Math.abs((window[g] ?? 0) - (reference[g] ?? 0)));
  }
  return distance;
}

export function isAfByTatenoGlass(deltas: readonly number[], meanRrMs: number, ref: TatenoGlassReference): boolean {
  return tatenoGlassDistance(deltas, meanRrMs, ref) < ref.threshold;
}

export interface AfDeltaSample {
  readonly meanRrMs: number;
  readonly deltas: readonly number[];
}

/** Builds the reference CDFs from the ΔRR of windows known to be AF; the threshold comes later. */
export function buildTatenoGlassCdfs(afWindows: readonly AfDeltaSample[], layout: TatenoGlassLayout = DEFAULT_TG_LAYOUT): number[][] {
  const byBin: number[][] = Array.from({ length: layout.binCount }, () => []);
  for (const w of afWindows) {
    if (!Number.isFinite(w.meanRrMs)) continue;
    byBin[meanRrBin(w.meanRrMs, layout.meanRrStartMs, layout.meanRrBinMs, layout.binCount)]?.push(...w.deltas);
  }
  return byBin.map((_, bin) => {
    const pooled: number[] = [];
    for (let reach = 0; reach < layout.binCount && pooled.length < MIN_REFERENCE_DELTAS; reach++) {
      pooled.push(...(byBin[bin - reach] ?? []));
      if (reach > 0) pooled.push(...(byBin[bin + reach] ?? []));
    }
    return cdfOnGrid(pooled, layout.gridStartMs, layout.gridStepMs, layout.gridCount).map((p) => Math.round(p * 1e5) / 1e5);
  });
}

/**
 * The distance threshold that maximises sensitivity + specificity on labelled windows: AF windows
 * lie below it. Ties are resolved by taking the midpoint between neighbouring distinct distances.
 */
export function fitThreshold(scored: readonly { distance: number; isAf: boolean }[]): number {
  const valid = scored.filter((s) => Number.isFinite(s.distance)).sort((a, b) => a.distance - b.distance);
  const positives = valid.filter((s) => s.isAf).length;
  const negatives = valid.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  let best = -Infinity;
  let threshold = 0.5;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < valid.length; i++) {
    const here = valid[i];
    if (here === undefined) break;
    if (here.isAf) tp++;
    else fp++;
    const next = valid[i + 1];
    if (next !== undefined && next.distance === here.distance) continue;
    const youden = tp / positives - fp / negatives;
    if (youden > best) {
      best = youden;
      threshold = next === undefined ? here.distance + 1e-9 : (here.distance + next.distance) / 2;
    }
  }
  return threshold;
}
