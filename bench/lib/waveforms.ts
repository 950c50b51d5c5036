import { gaussian, seededRandom } from './bench-env.js';

/**
 * A synthetic chest-strap ECG in µV at `rateHz` (Polar H10: 130 Hz): PQRST beats as sums of
 * Gaussians, beat-to-beat variation, baseline wander and electrode noise.
 */
export function syntheticEcg(seconds: number, rateHz: number, noiseUv: number, seed = 7): number[] {
  const random = seededRandom(seed);
  const waves = [
    { at: -0.2, width: 0.025, amplitude: 120 }, // P
    { at: -0.03, width: 0.01, amplitude: -150 }, // Q
    { at: 0, width: 0.012, amplitude: 1300 }, // R
    { at: 0.03, width: 0.01, amplitude: -300 }, // S
    { at: 0.26, width: 0.05, amplitude: 320 }, // T
  ];
  const beats: number[] = [];
  for (let t = 0.4; t < seconds + 1; t += 0.85 + 0.08 * gaussian(random)) beats.push(t);
  const samples: number[] = [];
  let beat = 0;
  for (let i = 0; i < seconds * rateHz; i++) {
    const t = i / rateHz;
    while ((beats[beat + 1] ?? Infinity) < t - 0.5) beat++;
    let value = 80 * Math.sin(2 * Math.PI * 0.25 * t) + noiseUv * gaussian(random);
    for (const b of [beats[beat], beats[beat + 1]]) {
      if (b === undefined) continue;
      for (const w of waves) value += w.amplitude * Math.exp(-(((t - b - w.at) / w.width) ** 2) / 2);
    }
    samples.push(Math.round(value));
  }
  return samples;
}

/** A synthetic 8-bit plethysmogram (Nonin-style, 75 Hz): systolic upstroke, dicrotic notch, noise. */
export function syntheticPleth(seconds: number, rateHz: number, seed = 11): number[] {
  const random = seededRandom(seed);
  const samples: number[] = [];
  let phase = 0;
  let period = 0.85;
  for (let i = 0; i < seconds * rateHz; i++) {
    phase += 1 / rateHz / period;
    if (phase >= 1) {
      phase -= 1;
      period = 0.85 + 0.05 * gaussian(random);
    }
    const pulse = Math.exp(-(((phase - 0.2) / 0.08) ** 2)) + 0.35 * Math.exp(-(((phase - 0.5) / 0.1) ** 2));
    samples.push(Math.max(0, Math.min(255, Math.round(60 + 140 * pulse + 1.2 * gaussian(random)))));
  }
  return samples;
}
