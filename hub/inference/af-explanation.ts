/**
 * Puts an AF screening result into words: which irregularity measures drove it, compared with the
 * typical sinus-rhythm and AF values of the training data and, when known, the person's own usual.
 */
import type { AfFeatureName, AfFeatures } from './rr-features.js';

/** Quartiles (25th, 50th, 75th percentile) of one feature in sinus-rhythm and in AF windows. */
export interface FeatureQuartiles {
  readonly nonAf: readonly [number, number, number];
  readonly af: readonly [number, number, number];
}

export type AfFeatureReference = Readonly<Partial<Record<AfFeatureName, FeatureQuartiles>>>;

/** The measures a person can follow, with how to say and print them. */
const EXPLAINED: readonly { name: AfFeatureName; say: string; format: (v: number) => string }[] = [
  { name: 'pnn50', say: 'beat-to-beat changes over 50 ms', format: (v) => `${Math.round(v * 100)} % of beats` },
  { name: 'cv', say: 'spread of beat intervals (CV)', format: (v) => `${(v * 100).toFixed(1)} %` },
  { name: 'tateno_glass_ks', say: 'distance of the beat-change pattern from typical AF', format: (v) => v.toFixed(2) },
  { name: 'sample_entropy', say: 'unpredictability of the rhythm (sample entropy)', format: (v) => v.toFixed(2) },
  { name: 'autocorrelation_lag1', say: 'how much each interval follows the last', format: (v) => v.toFixed(2) },
];

interface Contribution {
  readonly name: AfFeatureName;
  readonly text: string;
  /** 0 at the typical sinus-rhythm value, 1 at the typical AF value. */
  readonly towardAf: number;
}

export function explainAf(
  features: AfFeatures,
  probability: number,
  threshold: number,
  reference: AfFeatureReference,
  personal?: Partial<AfFeatures>,
  setAside = 0,
): string {
  const contributions: Contribution[] = [];
  for (const e of EXPLAINED) {
    const value = features[e.name];
    const q = reference[e.name];
    if (!Number.isFinite(value) || q === undefined) continue;
    const span = q.af[1] - q.nonAf[1];
    if (span === 0) continue;
    const own = personal?.[e.name];
    const yours = own !== undefined && Number.isFinite(own) ? `, your usual ${e.format(own)}` : '';
    contributions.push({
      name: e.name,
      towardAf: (value - q.nonAf[1]) / span,
      text: `${e.say} ${e.format(value)} (regular rhythm ${e.format(q.nonAf[1])}, AF ${e.format(q.af[1])}${yours})`,
    });
  }
  const flagged = probability >= threshold;
  contributions.sort((a, b) => (flagged ? b.towardAf - a.towardAf : a.towardAf - b.towardAf));
  const lead = flagged
    ? `Irregular rhythm that looks like atrial fibrillation (probability ${probability.toFixed(2)})`
    : `Rhythm looks regular enough (AF probability ${probability.toFixed(2)})`;
  const why = contributions.slice(0, 3).map((c) => c.text).join('; ');
  const aside = setAside > 0 ? ` ${setAside} beat${setAside === 1 ? ' was' : 's were'} set aside as extra beats or artefacts.` : '';
  const caution = flagged ? ' This is a screening aid, not a diagnosis: please have an ECG checked by a clinician.' : '';
  return `${lead}: ${why}.${aside}${caution}`;
}
