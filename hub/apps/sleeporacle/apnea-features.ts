/**
 * Features of each minute of a night for apnea screening from RR intervals: the single
 * implementation the hub scores nights with, `hearth eval apnea` evaluates with and training reads
 * (models/train/export-apnea-features.ts). Pure: a night's beats in, one feature row per minute out.
 *
 * An apnea ends in an arousal: heart rate slows during the breathing pause and speeds up as
 * breathing resumes, every 25–100 s while the apneas repeat (cyclic variation of heart rate), and
 * the breathing rhythm in heart rate (respiratory sinus arrhythmia) fades. So each minute is read
 * with its two neighbours on either side (a five-minute context, as the published RR models use):
 * the usual time-domain HRV of the minute and of the context, the context's spectrum (very-low-,
 * low- and high-frequency power, the share in the cycling band, the cycling's autocorrelation, the
 * breathing peak), minute-over-minute changes, and the minute against the night's own median, so
 * that a person's resting heart rate and usual variability do not read as apnea or its absence.
 */
import { cleanNightRr, type KeptBeat, type RrBeat } from './night-rr-cleaning.js';
import { detrend, resampleRr, rrSpectrum } from './rr-spectrum.js';
import { sampleSd } from '../../inference/stats.js';

/** Order of the model's input vector; the manifest lists the same names in the same order. */
export const APNEA_FEATURE_NAMES = [
  'mean_rr_ms',
  'sdnn_ms',
  'rmssd_ms',
  'pnn50',
  'ctx_mean_rr_ms',
  'ctx_sdnn_ms',
  'ctx_rmssd_ms',
  'ctx_pnn50',
  'ctx_minute_mean_sd_ms',
  'delta_prev_mean_rr_ms',
  'delta_next_mean_rr_ms',
  'log_vlf',
  'log_lf',
  'log_hf',
  'log_lf_hf',
  'vlf_share',
  'cvhr_share',
  'cvhr_autocorrelation',
  'hf_peak_hz',
  'rel_mean_rr',
  'rel_ctx_sdnn',
  'rel_log_vlf',
  'rel_log_hf',
  'rel_cvhr_share',
] as const;

export type ApneaFeatureName = (typeof APNEA_FEATURE_NAMES)[number];
export type ApneaFeatures = Readonly<Record<ApneaFeatureName, number>>;

/** Minutes either side of the scored minute that its context spans. */
export const CONTEXT_MINUTES = 2;
/** A minute is scored when its kept intervals cover at least this share of it. */
export const MIN_MINUTE_COVERAGE = 0.5;
/** The context's spectrum needs kept beats spanning at least this long (s). */
const MIN_SPECTRUM_SPAN_S = 120;

export interface ApneaMinute {
  /** Minute m covers [60·m, 60·m + 60) s of the night. */
  readonly minute: number;
  /** Share of the minute covered by kept intervals. */
  readonly coverage: number;
  /** Enough clean RR to score the minute. */
  readonly valid: boolean;
  /** NaN marks a feature the minute has too little RR for. */
  readonly features: ApneaFeatures;
}

interface TimeDomain {
  readonly mean: number;
  readonly sdnn: number;
  readonly rmssd: number;
  readonly pnn50: number;
  readonly coveredS: number;
}

function timeDomain(beats: readonly KeptBeat[]): TimeDomain {
  const n = beats.length;
  let sum = 0;
  let deltaSquares = 0;
  let deltas = 0;
  let over50 = 0;
  for (let i = 0; i < n; i++) {
    const b = beats[i];
    if (b === undefined) continue;
    sum += b.rrMs;
    const previous = beats[i - 1];
    if (b.followsKept && previous !== undefined) {
      const d = b.rrMs - previous.rrMs;
      deltaSquares += d * d;
      deltas++;
      if (Math.abs(d) > 50) over50++;
    }
  }
  const mean = n === 0 ? Number.NaN : sum / n;
  let squares = 0;
  for (const b of beats) squares += (b.rrMs - mean) ** 2;
  return {
    mean,
    sdnn: n < 2 ? Number.NaN : Math.sqrt(squares / (n - 1)),
    rmssd: deltas === 0 ? Number.NaN : Math.sqrt(deltaSquares / deltas),
    pnn50: deltas === 0 ? Number.NaN : over50 / deltas,
    coveredS: sum / 1000,
  };
}

/** The kept beats of [from, to) seconds, by binary search on time-ordered beats. */
function beatsIn(beats: readonly KeptBeat[], from: number, to: number): KeptBeat[] {
  const first = lowerBound(beats, from);
  const end = lowerBound(beats, to);
  // A beat whose predecessor lies outside the span has no successive difference inside it.
  return beats.slice(first, end).map((b, i) => (i === 0 && b.followsKept ? { ...b, followsKept: false } : b));
}

function lowerBound(beats: readonly KeptBeat[], t: number): number {
  let lo = 0;
  let hi = beats.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((beats[mid]?.t ?? Infinity) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function medianOfFinite(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = finite.length >> 1;
  return finite.length % 2 === 1 ? (finite[mid] ?? Number.NaN) : ((finite[mid - 1] ?? Number.NaN) + (finite[mid] ?? Number.NaN)) / 2;
}

const logPower = (ms2: number): number => Math.log(ms2 + 1);

type OwnFeatures = Omit<ApneaFeatures, `rel_${string}`>;

/**
 * One row per minute from minute 0 to the minute of the last beat (or to `minutes` − 1 when
 * given), computed from the night's beats in time order (seconds from the night's start).
 */
export function apneaMinuteFeatures(beats: readonly RrBeat[], minutes?: number): ApneaMinute[] {
  const kept = cleanNightRr(beats);
  const lastT = beats[beats.length - 1]?.t ?? 0;
  const count = minutes ?? (beats.length === 0 ? 0 : Math.floor(lastT / 60) + 1);
  const perMinute: TimeDomain[] = [];
  for (let m = 0; m < count; m++) perMinute.push(timeDomain(beatsIn(kept, 60 * m, 60 * m + 60)));
  const valid = perMinute.map((d) => d.coveredS / 60 >= MIN_MINUTE_COVERAGE);

  const own: OwnFeatures[] = perMinute.map((here, m) => {
    const context = beatsIn(kept, 60 * (m - CONTEXT_MINUTES), 60 * (m + CONTEXT_MINUTES + 1));
    const ctx = timeDomain(context);
    const neighbourMeans: number[] = [];
    for (let k = m - CONTEXT_MINUTES; k <= m + CONTEXT_MINUTES; k++) {
      const mean = perMinute[k]?.mean;
      if (valid[k] === true && mean !== undefined) neighbourMeans.push(mean);
    }
    const meanOf = (k: number): number => (valid[k] === true ? (perMinute[k]?.mean ?? Number.NaN) : Number.NaN);
    const span = (context[context.length - 1]?.t ?? 0) - (context[0]?.t ?? 0);
    const spectrum =
      context.length > 2 && span >= MIN_SPECTRUM_SPAN_S
        ? rrSpectrum(detrend(resampleRr(context.map((b) => b.t), context.map((b) => b.rrMs))))
        : undefined;
    const nan = Number.NaN;
    return {
      mean_rr_ms: here.mean,
      sdnn_ms: here.sdnn,
      rmssd_ms: here.rmssd,
      pnn50: here.pnn50,
      ctx_mean_rr_ms: ctx.mean,
      ctx_sdnn_ms: ctx.sdnn,
      ctx_rmssd_ms: ctx.rmssd,
      ctx_pnn50: ctx.pnn50,
      ctx_minute_mean_sd_ms: sampleSd(neighbourMeans),
      delta_prev_mean_rr_ms: meanOf(m) - meanOf(m - 1),
      delta_next_mean_rr_ms: meanOf(m + 1) - meanOf(m),
      log_vlf: spectrum === undefined ? nan : logPower(spectrum.vlf),
      log_lf: spectrum === undefined ? nan : logPower(spectrum.lf),
      log_hf: spectrum === undefined ? nan : logPower(spectrum.hf),
      log_lf_hf: spectrum === undefined ? nan : logPower(spectrum.lf) - logPower(spectrum.hf),
      vlf_share: spectrum === undefined || !(spectrum.total > 0) ? nan : spectrum.vlf / spectrum.total,
      cvhr_share: spectrum === undefined || !(spectrum.total > 0) ? nan : spectrum.cvhr / spectrum.total,
      cvhr_autocorrelation: spectrum?.cvhrAutocorrelation ?? nan,
      hf_peak_hz: spectrum?.hfPeakHz ?? nan,
    };
  });

  const scored = own.filter((_, m) => valid[m]);
  const night = {
    meanRr: medianOfFinite(scored.map((f) => f.mean_rr_ms)),
    ctxSdnn: medianOfFinite(scored.map((f) => f.ctx_sdnn_ms)),
    logVlf: medianOfFinite(scored.map((f) => f.log_vlf)),
    logHf: medianOfFinite(scored.map((f) => f.log_hf)),
    cvhrShare: medianOfFinite(scored.map((f) => f.cvhr_share)),
  };
  return own.map((f, m) => ({
    minute: m,
    coverage: Math.min(1, (perMinute[m]?.coveredS ?? 0) / 60),
    valid: valid[m] === true,
    features: {
      ...f,
      rel_mean_rr: f.mean_rr_ms / night.meanRr,
      rel_ctx_sdnn: f.ctx_sdnn_ms / night.ctxSdnn,
      rel_log_vlf: f.log_vlf - night.logVlf,
      rel_log_hf: f.log_hf - night.logHf,
      rel_cvhr_share: f.cvhr_share - night.cvhrShare,
    },
  }));
}

export function apneaFeatureVector(features: ApneaFeatures): number[] {
  return APNEA_FEATURE_NAMES.map((name) => features[name]);
}
