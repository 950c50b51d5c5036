/**
 * Irregularity features of one RR window, the single implementation used by live screening, by
 * evaluation and (through the exported feature table) by training.
 */
import { cleanRrWindow, type CleanRr } from './rr-cleaning.js';
import { mean, quantile, sampleSd } from './stats.js';
import { tatenoGlassDistance, type TatenoGlassReference } from './tateno-glass.js';

/** Order of the model's input vector; a manifest lists the same names in the same order. */
export const AF_FEATURE_NAMES = [
  'mean_rr_ms',
  'cv',
  'rmssd_over_mean',
  'pnn50',
  'sample_entropy',
  'turning_point_ratio',
  'tateno_glass_ks',
  'delta_iqr_over_mean',
  'ectopic_fraction',
  'pnn20',
  'autocorrelation_lag1',
  'sd1_sd2_ratio',
] as const;

export type AfFeatureName = (typeof AF_FEATURE_NAMES)[number];
export type AfFeatures = Readonly<Record<AfFeatureName, number>>;

/** Root mean square of successive differences. */
export function rmssd(deltas: readonly number[]): number {
  if (deltas.length === 0) return Number.NaN;
  let sum = 0;
  for (const d of deltas) sum += d * d;
  return Math.sqrt(sum / deltas.length);
}

/** Share of successive differences larger than `thresholdMs` in magnitude (pNN50 by default). */
export function pnn(deltas: readonly number[], thresholdMs = 50): number {
  if (deltas.length === 0) return Number.NaN;
  return deltas.filter((d) => Math.abs(d) > thresholdMs).length / deltas.length;
}

export function pnn50(deltas: readonly number[]): number {
  return pnn(deltas, 50);
}

/** Lag-1 autocorrelation: near 0 in AF, positive in sinus rhythm, negative in bigeminy. */
export function autocorrelationLag1(series: readonly number[]): number {
  if (series.length < 3) return Number.NaN;
  const m = mean(series);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < series.length; i++) {
    const here = (series[i] ?? 0) - m;
    denominator += here * here;
    if (i + 1 < series.length) numerator += here * ((series[i + 1] ?? 0) - m);
  }
  return denominator === 0 ? Number.NaN : numerator / denominator;
}

/**
 * Poincaré plot shape SD1/SD2 with SD1² = Var(ΔRR)/2 and SD2² = 2·Var(RR) − Var(ΔRR)/2 (sample
 * variances): the cloud of AF is round (ratio near 1), that of sinus rhythm is long and thin.
 */
export function sd1Sd2Ratio(series: readonly number[], deltas: readonly number[]): number {
  const sdRr = sampleSd(series);
  const sdDelta = sampleSd(deltas);
  const sd1Squared = (sdDelta * sdDelta) / 2;
  const sd2Squared = 2 * sdRr * sdRr - sd1Squared;
  if (!(sd2Squared > 0)) return Number.NaN;
  return Math.sqrt(sd1Squared / sd2Squared);
}

/**
 * Sample entropy (Richman & Moorman 2000), Chebyshev distance, tolerance r = rFactor·SD, both
 * template lengths counted over the same N − m starting points. When no template of length m + 1
 * matches, the value is the largest one the window can show, ln of the number of template pairs,
 * so that a very irregular window scores high instead of undefined.
 */
export function sampleEntropy(series: readonly number[], m = 2, rFactor = 0.2): number {
  const n = series.length;
  if (n <= m + 1) return Number.NaN;
  const r = rFactor * sampleSd(series);
  const x = series;
  let matchesM = 0;
  let matchesM1 = 0;
  const templates = n - m;
  for (let i = 0; i < templates; i++) {
    for (let j = i + 1; j < templates; j++) {
      let within = true;
      for (let k = 0; k < m; k++) {
        if (Math.abs((x[i + k] ?? 0) - (x[j + k] ?? 0)) > r) {
          within = false;
          break;
        }
      }
      if (!within) continue;
      matchesM++;
      if (j + m < n && Math.abs((x[i + m] ?? 0) - (x[j + m] ?? 0)) <= r) matchesM1++;
    }
  }
  if (matchesM === 0 || matchesM1 === 0) return Math.log((templates * (templates - 1)) / 2);
  return -Math.log(matchesM1 / matchesM);
}

/** Turning points (strict local peaks and troughs) over their expectation 2(N − 2)/3 for noise. */
export function turningPointRatio(series: readonly number[]): number {
  if (series.length < 3) return Number.NaN;
  let turns = 0;
  for (let i = 1; i + 1 < series.length; i++) {
    const here = series[i] ?? 0;
    if ((here - (series[i - 1] ?? 0)) * (here - (series[i + 1] ?? 0)) > 0) turns++;
  }
  return turns / ((2 * (series.length - 2)) / 3);
}

export function afFeaturesFromClean(clean: CleanRr, windowLength: number, reference: TatenoGlassReference): AfFeatures {
  const meanRr = mean(clean.kept);
  return {
    mean_rr_ms: meanRr,
    cv: sampleSd(clean.kept) / meanRr,
    rmssd_over_mean: rmssd(clean.deltas) / meanRr,
    pnn50: pnn50(clean.deltas),
    sample_entropy: sampleEntropy(clean.kept),
    turning_point_ratio: turningPointRatio(clean.kept),
    tateno_glass_ks: tatenoGlassDistance(clean.deltas, meanRr, reference),
    delta_iqr_over_mean: (quantile(clean.deltas, 0.75) - quantile(clean.deltas, 0.25)) / meanRr,
    ectopic_fraction: windowLength === 0 ? Number.NaN : clean.ectopicCount / windowLength,
    pnn20: pnn(clean.deltas, 20),
    autocorrelation_lag1: autocorrelationLag1(clean.kept),
    sd1_sd2_ratio: sd1Sd2Ratio(clean.kept, clean.deltas),
  };
}

/** Features of a raw RR window (ms); NaN marks a feature the window is too short or broken for. */
export function afFeatures(rrMs: readonly number[], reference: TatenoGlassReference): AfFeatures {
  return afFeaturesFromClean(cleanRrWindow(rrMs), rrMs.length, reference);
}

export function afFeatureVector(features: AfFeatures): number[] {
  return AF_FEATURE_NAMES.map((name) => features[name]);
}
