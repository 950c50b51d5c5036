import t from 'tap';
import { APNEA_FEATURE_NAMES, apneaFeatureVector, apneaMinuteFeatures } from '../../../hub/apps/sleeporacle/apnea-features.js';
import { apneaCategory, apneaNightEstimate } from '../../../hub/apps/sleeporacle/apnea-night.js';
import { cleanNightRr, type RrBeat } from '../../../hub/apps/sleeporacle/night-rr-cleaning.js';
import { detrend, fft, resampleRr, rrSpectrum, RESAMPLE_HZ } from '../../../hub/apps/sleeporacle/rr-spectrum.js';
import { rocAuc } from '../../../hub/inference/binary-metrics.js';

/** Beats whose intervals follow `rrAt(t)` (ms, at the time the interval starts) for `seconds`. */
function beatsFor(seconds: number, rrAt: (t: number) => number): RrBeat[] {
  const beats: RrBeat[] = [];
  let t = 0;
  while (t < seconds) {
    const rr = rrAt(t);
    t += rr / 1000;
    beats.push({ t, rrMs: rr });
  }
  return beats;
}

/** 1000 ms with breathing (0.25 Hz, ±30 ms) and, when `cycling`, heart rate swinging with a 60 s period (±80 ms). */
const breathing = (t: number): number => 1000 + 30 * Math.sin(2 * Math.PI * 0.25 * t);
const cyclingNight = (t: number): number => breathing(t) + 80 * Math.sin((2 * Math.PI * t) / 60);

t.test('cleaning leaves out implausible intervals and beats far from the local median, and no difference across them', async (t) => {
  const rr = [800, 810, 790, 250, 805, 2100, 800, 400, 1200, 810, 800, 795, 805];
  const beats = rr.map((rrMs, i) => ({ t: i + 1, rrMs }));
  const kept = cleanNightRr(beats);
  t.same(
    kept.map((b) => b.rrMs),
    [800, 810, 790, 805, 800, 810, 800, 795, 805],
  );
  t.same(
    kept.map((b) => b.followsKept),
    [false, true, true, false, false, false, true, true, true],
  );
});

t.test('the FFT matches a direct DFT', async (t) => {
  const x = [1, 2, -1, 0.5, 3, -2, 0, 1];
  const re = Float64Array.from(x);
  const im = new Float64Array(8);
  fft(re, im);
  for (let k = 0; k < 8; k++) {
    let sr = 0;
    let si = 0;
    x.forEach((v, n) => {
      sr += v * Math.cos((-2 * Math.PI * k * n) / 8);
      si += v * Math.sin((-2 * Math.PI * k * n) / 8);
    });
    t.ok(Math.abs((re[k] ?? 0) - sr) < 1e-9 && Math.abs((im[k] ?? 0) - si) < 1e-9, `bin ${k}`);
  }
  fft(re, im, true);
  t.ok(x.every((v, n) => Math.abs((re[n] ?? 0) / 8 - v) < 1e-9), 'the inverse gives the series back');
});

t.test('a tachogram breathing at 0.25 Hz has its power in HF and its peak there; cycling at 60 s shows as CVHR', async (t) => {
  const seconds = 300;
  const samples = (f: (t: number) => number): number[] => Array.from({ length: seconds * RESAMPLE_HZ }, (_, k) => f(k / RESAMPLE_HZ));
  const calm = rrSpectrum(detrend(samples(breathing)));
  // A sine of amplitude A carries A²/2 of power: 450 ms² here.
  t.ok(Math.abs(calm.hf - 450) < 25, `HF ${calm.hf.toFixed(1)} ms²`);
  t.ok(calm.vlf < 5 && calm.lf < 5, 'nothing outside HF');
  t.ok(Math.abs(calm.hfPeakHz - 0.25) < 0.003, `peak at ${calm.hfPeakHz} Hz`);
  const cycling = rrSpectrum(detrend(samples(cyclingNight)));
  t.ok(Math.abs(cycling.cvhr - 3200) < 200, `CVHR band ${cycling.cvhr.toFixed(0)} ms² for ±80 ms`);
  t.ok(cycling.cvhrAutocorrelation > 0.5, `autocorrelation ${cycling.cvhrAutocorrelation.toFixed(2)} at a 60 s lag`);
  t.ok(calm.cvhrAutocorrelation < cycling.cvhrAutocorrelation);
  t.same(rrSpectrum(detrend(new Array<number>(1200).fill(900))).total, 0, 'a flat tachogram has no power');
});

t.test('resampling interpolates linearly between beats at 4 Hz', async (t) => {
  t.same(resampleRr([0, 1, 2], [800, 1000, 800]), [800, 850, 900, 950, 1000, 950, 900, 850, 800]);
  t.same(resampleRr([5], [800]), []);
});

t.test('minute features of a night: cycling minutes look like apnea, gaps are not scored, context reaches two minutes', async (t) => {
  // Twenty calm minutes, twenty cycling minutes, then two minutes without beats and ten calm ones.
  const first = beatsFor(40 * 60, (s) => (s < 20 * 60 ? breathing(s) : cyclingNight(s)));
  const later = beatsFor(10 * 60, breathing).map((b) => ({ t: b.t + 42 * 60, rrMs: b.rrMs }));
  const minutes = apneaMinuteFeatures([...first, ...later], 52);
  t.equal(minutes.length, 52);
  t.same(
    minutes.filter((m) => !m.valid).map((m) => m.minute),
    [40, 41],
  );
  const at = (m: number) => minutes[m]?.features ?? ({} as never);
  t.ok(at(30).cvhr_autocorrelation > at(10).cvhr_autocorrelation + 0.3, 'the cycling repeats itself');
  t.ok(at(30).cvhr_share > at(10).cvhr_share, 'power moves into 25–100 s periods');
  t.ok(at(30).ctx_sdnn_ms > 2 * at(10).ctx_sdnn_ms);
  t.ok(at(30).rel_ctx_sdnn > 2 && Math.abs(at(10).rel_ctx_sdnn - 1) < 0.2, 'against the night median, mostly calm');
  t.ok(Math.abs(at(10).mean_rr_ms - 1000) < 5 && Math.abs(at(10).rel_mean_rr - 1) < 0.01);
  t.ok(Math.abs(at(10).hf_peak_hz - 0.25) < 0.01);
  t.ok(Number.isNaN(at(0).delta_prev_mean_rr_ms), 'no minute before the first');
  t.ok(Number.isNaN(at(39).delta_next_mean_rr_ms), 'the next minute is not scored');
  t.equal(apneaFeatureVector(at(30)).length, APNEA_FEATURE_NAMES.length);
  t.ok(apneaFeatureVector(at(30)).every(Number.isFinite));
});

t.test('a night estimate counts apnea minutes per hour of scored minutes and maps them to an AHI category', async (t) => {
  const mapping = { slope: 1.2, intercept: -2 };
  // 120 scored minutes of which 20 at or above the threshold, and 30 minutes not scored.
  const probabilities = [...new Array<number>(20).fill(0.7), ...new Array<number>(100).fill(0.2), ...new Array<undefined>(30).fill(undefined)];
  const night = apneaNightEstimate(probabilities, 0.5, mapping);
  t.equal(night.validMinutes, 120);
  t.equal(night.apneaMinutes, 20);
  t.equal(night.apneaMinutesPerHour, 10);
  t.equal(night.estimatedAhi, 10);
  t.equal(night.category, 'mild');
  t.same(apneaNightEstimate(new Array<number>(59).fill(0.9), 0.5, mapping).estimatedAhi, undefined, 'under an hour, no estimate');
  t.equal(apneaNightEstimate(new Array<number>(60).fill(0.1), 0.5, mapping).estimatedAhi, 0, 'never below zero');
  t.same([4.99, 5, 14.99, 15, 29.99, 30].map(apneaCategory), ['normal', 'mild', 'mild', 'moderate', 'moderate', 'severe']);
});

t.test('ROC AUC by midranks', async (t) => {
  t.equal(rocAuc([true, false], [0.9, 0.1]), 1);
  t.equal(rocAuc([true, false], [0.1, 0.9]), 0);
  t.equal(rocAuc([true, false, true, false], [0.5, 0.5, 0.8, 0.2]), 0.875);
  t.ok(Number.isNaN(rocAuc([true, true], [0.1, 0.2])));
});
