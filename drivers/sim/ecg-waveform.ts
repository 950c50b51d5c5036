import type { SeededRandom } from '../../core/seeded-random.js';

/**
 * One heartbeat's ECG as a sum of Gaussian bumps (P, Q, R, S, T) over the beat's phase, after
 * McSharry et al., "A dynamical model for generating synthetic electrocardiogram signals" (2003):
 * enough for a strip that looks like a chest lead, not a diagnostic signal.
 */
const WAVES: readonly { readonly at: number; readonly width: number; readonly microVolts: number }[] = [
  { at: 0.2, width: 0.025, microVolts: 110 },
  { at: 0.37, width: 0.009, microVolts: -130 },
  { at: 0.4, width: 0.011, microVolts: 1150 },
  { at: 0.43, width: 0.01, microVolts: -260 },
  { at: 0.68, width: 0.045, microVolts: 320 },
];

function beatShape(phase: number): number {
  let value = 0;
  for (const wave of WAVES) {
    const d = phase - wave.at;
    value += wave.microVolts * Math.exp(-(d * d) / (2 * wave.width * wave.width));
  }
  return value;
}

/**
 * A chest-strap ECG in µV, sample by sample: beats follow the heart rate the strap measures,
 * with baseline wander from breathing and a little electrode noise.
 */
export class EcgSynthesizer {
  private phase = 0;

  constructor(
    readonly rateHz: number,
    private readonly rng: SeededRandom,
  ) {}

  /** The next sample at `ts` (ms) for a heart beating at `heartRate` bpm. */
  next(ts: number, heartRate: number): number {
    this.phase = (this.phase + heartRate / 60 / this.rateHz) % 1;
    const breathing = 45 * Math.sin((2 * Math.PI * ts) / 4000);
    return Math.round(beatShape(this.phase) + breathing + 8 * this.rng.gaussian());
  }
}
