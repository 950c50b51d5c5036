/**
 * The spectrum of a stretch of RR intervals: the tachogram resampled evenly, its power in the
 * heart-rate-variability bands, and how strongly it repeats itself at the periods of the
 * bradycardia–tachycardia cycling that comes with obstructive apnea. Pure numerics.
 */

/** Resampling rate of the tachogram (Hz), the usual one for HRV spectra. */
export const RESAMPLE_HZ = 4;

/** Frequency bands (Hz), lower edge included: Task Force 1996 for VLF/LF/HF, CVHR for 25–100 s periods. */
export const BANDS = {
  vlf: [0.0033, 0.04],
  lf: [0.04, 0.15],
  hf: [0.15, 0.4],
  cvhr: [0.01, 0.04],
} as const;
/** Periods (s) over which cyclic variation of heart rate is looked for. */
export const CVHR_PERIOD_S = [25, 100] as const;
/** The autocorrelation of the cycling is taken on the tachogram below this frequency (Hz). */
const CVHR_LOWPASS_HZ = 0.1;

/**
 * Evenly spaced samples of RR (ms) at `rateHz` from the first to the last beat time, by linear
 * interpolation between beats; empty with fewer than two beats.
 */
export function resampleRr(times: readonly number[], rrMs: readonly number[], rateHz = RESAMPLE_HZ): number[] {
  const n = Math.min(times.length, rrMs.length);
  const first = times[0];
  const last = times[n - 1];
  if (n < 2 || first === undefined || last === undefined || !(last > first)) return [];
  const out: number[] = [];
  let j = 0;
  const count = Math.floor((last - first) * rateHz) + 1;
  for (let k = 0; k < count; k++) {
    const t = first + k / rateHz;
    while (j + 2 < n && (times[j + 1] ?? Infinity) < t) j++;
    const t0 = times[j] ?? t;
    const t1 = times[j + 1] ?? t;
    const y0 = rrMs[j] ?? Number.NaN;
    const y1 = rrMs[j + 1] ?? Number.NaN;
    out.push(t1 > t0 ? y0 + ((y1 - y0) * (t - t0)) / (t1 - t0) : y0);
  }
  return out;
}

/** The series minus its least-squares line. */
export function detrend(series: readonly number[]): number[] {
  const n = series.length;
  if (n === 0) return [];
  const xMean = (n - 1) / 2;
  let yMean = 0;
  for (const y of series) yMean += y;
  yMean /= n;
  let sxy = 0;
  let sxx = 0;
  series.forEach((y, i) => {
    sxy += (i - xMean) * (y - yMean);
    sxx += (i - xMean) ** 2;
  });
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return series.map((y, i) => y - yMean - slope * (i - xMean));
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** In-place radix-2 FFT; `inverse` gives the unscaled inverse transform. Lengths must be powers of two. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const r = re[i] ?? 0;
      re[i] = re[j] ?? 0;
      re[j] = r;
      const m = im[i] ?? 0;
      im[i] = im[j] ?? 0;
      im[j] = m;
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / size;
    const wRe = Math.cos(angle);
    const wIm = Math.sin(angle);
    for (let start = 0; start < n; start += size) {
      let uRe = 1;
      let uIm = 0;
      for (let k = 0; k < size / 2; k++) {
        const a = start + k;
        const b = a + size / 2;
        const bRe = (re[b] ?? 0) * uRe - (im[b] ?? 0) * uIm;
        const bIm = (re[b] ?? 0) * uIm + (im[b] ?? 0) * uRe;
        re[b] = (re[a] ?? 0) - bRe;
        im[b] = (im[a] ?? 0) - bIm;
        re[a] = (re[a] ?? 0) + bRe;
        im[a] = (im[a] ?? 0) + bIm;
        const next = uRe * wRe - uIm * wIm;
        uIm = uRe * wIm + uIm * wRe;
        uRe = next;
      }
    }
  }
}

export interface RrSpectrum {
  /** Band powers in ms². */
  readonly vlf: number;
  readonly lf: number;
  readonly hf: number;
  readonly cvhr: number;
  /** Power from the lower edge of VLF to the upper edge of HF. */
  readonly total: number;
  /** Frequency (Hz) of the largest HF peak: breathing, through respiratory sinus arrhythmia. */
  readonly hfPeakHz: number;
  /**
   * Largest autocorrelation of the tachogram, low-passed below 0.1 Hz, at lags of 25–100 s: near 1
   * when heart rate cycles with a steady period in that range, as it does through repeated apneas.
   */
  readonly cvhrAutocorrelation: number;
}

/**
 * Periodogram (Hann window, one-sided, ms²/Hz) of an evenly sampled, detrended series, summed over
 * each band; and the band-limited autocorrelation, from the same series zero-padded so that the
 * circular correlation equals the linear one up to the longest lag.
 */
export function rrSpectrum(series: readonly number[], rateHz = RESAMPLE_HZ): RrSpectrum {
  const n = series.length;
  const size = nextPowerOfTwo(Math.max(n, 2));
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let windowPower = 0;
  for (let i = 0; i < n; i++) {
    const w = n > 1 ? 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)) : 1;
    re[i] = (series[i] ?? 0) * w;
    windowPower += w * w;
  }
  fft(re, im);
  const df = rateHz / size;
  const bandPower = (lo: number, hi: number): number => {
    let sum = 0;
    for (let k = Math.ceil(lo / df); k * df < hi && k < size / 2; k++) {
      sum += (2 * ((re[k] ?? 0) ** 2 + (im[k] ?? 0) ** 2)) / (rateHz * windowPower);
    }
    return sum * df;
  };
  let hfPeakHz = Number.NaN;
  let hfPeak = -Infinity;
  for (let k = Math.ceil(BANDS.hf[0] / df); k * df < BANDS.hf[1] && k < size / 2; k++) {
    const p = (re[k] ?? 0) ** 2 + (im[k] ?? 0) ** 2;
    if (p > hfPeak) {
      hfPeak = p;
      hfPeakHz = k * df;
    }
  }
  return {
    vlf: bandPower(...BANDS.vlf),
    lf: bandPower(...BANDS.lf),
    hf: bandPower(...BANDS.hf),
    cvhr: bandPower(...BANDS.cvhr),
    total: bandPower(BANDS.vlf[0], BANDS.hf[1]),
    hfPeakHz,
    cvhrAutocorrelation: cvhrAutocorrelation(series, rateHz),
  };
}

function cvhrAutocorrelation(series: readonly number[], rateHz: number): number {
  const n = series.length;
  const maxLag = Math.round(CVHR_PERIOD_S[1] * rateHz);
  const minLag = Math.round(CVHR_PERIOD_S[0] * rateHz);
  if (n <= minLag) return Number.NaN;
  const size = nextPowerOfTwo(n + maxLag);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = series[i] ?? 0;
  fft(re, im);
  const cutoff = Math.floor((CVHR_LOWPASS_HZ * size) / rateHz);
  for (let k = 0; k < size; k++) {
    const frequencyBin = Math.min(k, size - k);
    re[k] = frequencyBin === 0 || frequencyBin > cutoff ? 0 : (re[k] ?? 0) ** 2 + (im[k] ?? 0) ** 2;
    im[k] = 0;
  }
  fft(re, im, true);
  const zero = re[0] ?? 0;
  if (!(zero > 0)) return Number.NaN;
  let best = -Infinity;
  for (let lag = minLag; lag <= Math.min(maxLag, n - 1); lag++) best = Math.max(best, (re[lag] ?? 0) / zero);
  return best;
}
