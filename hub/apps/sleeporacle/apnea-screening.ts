/**
 * Breathing-disorder screening of a night of RR intervals with the shipped apnea-rr model: the
 * apnea probability of each minute and the night's apnea–hypopnea estimate. The hub, `hearth eval
 * apnea` and the benchmark all score through this class, so they compute the same features the
 * same way. The model runs in the hub's ONNX runtime (hub/inference/).
 */
import { ort } from '../../inference/onnx-runtime.js';
import type { LoadedModel, ModelRegistry } from '../../inference/model-registry.js';
import { APNEA_FEATURE_NAMES, apneaFeatureVector, apneaMinuteFeatures, type ApneaFeatures, type ApneaMinute } from './apnea-features.js';
import { apneaNightEstimate, type AhiMapping, type ApneaNightEstimate } from './apnea-night.js';
import type { RrBeat } from './night-rr-cleaning.js';

export const APNEA_MODEL_ID = 'apnea-rr';
/** The derived metric each scored minute's probability is stored as (0–1, one reading a minute). */
export const APNEA_PROBABILITY_METRIC = 'apnea_probability';

export interface ApneaMinuteScore {
  readonly minute: number;
  /** Undefined for a minute with too little clean RR to score. */
  readonly probability: number | undefined;
}

export interface ApneaNightScore {
  readonly minutes: readonly ApneaMinuteScore[];
  readonly night: ApneaNightEstimate;
}

/** Minutes are scored in batches to keep memory flat on a small box. */
const BATCH = 1024;

function ahiMapping(model: LoadedModel): AhiMapping {
  const night = model.manifest.night as { ahiMapping?: Partial<AhiMapping> } | undefined;
  const slope = night?.ahiMapping?.slope;
  const intercept = night?.ahiMapping?.intercept;
  if (typeof slope !== 'number' || typeof intercept !== 'number') throw new Error(`model ${APNEA_MODEL_ID} has no night.ahiMapping in its manifest`);
  return { slope, intercept };
}

export class ApneaScreening {
  constructor(
    private readonly model: LoadedModel,
    readonly mapping: AhiMapping,
  ) {}

  static fromRegistry(registry: ModelRegistry): ApneaScreening | undefined {
    const model = registry.get(APNEA_MODEL_ID);
    return model === undefined ? undefined : new ApneaScreening(model, ahiMapping(model));
  }

  /** The shipped model's version, kept with what it scored. */
  get version(): string {
    return this.model.manifest.version;
  }

  get threshold(): number {
    return this.model.manifest.decisionThreshold;
  }

  /** Probabilities for many minutes' features, in runs of the graph of up to BATCH minutes. */
  async probabilities(features: readonly ApneaFeatures[]): Promise<number[]> {
    const inputName = this.model.manifest.inputs[0]?.name ?? 'features';
    const outputName = this.model.manifest.outputs[0]?.name ?? 'apnea_probability';
    const out: number[] = [];
    for (let start = 0; start < features.length; start += BATCH) {
      const batch = features.slice(start, start + BATCH);
      const data = Float32Array.from(batch.flatMap(apneaFeatureVector));
      const result = await this.model.session.run({ [inputName]: new ort.Tensor('float32', data, [batch.length, APNEA_FEATURE_NAMES.length]) });
      const output = result[outputName];
      if (output === undefined) throw new Error(`model ${APNEA_MODEL_ID} gave no ${outputName}`);
      out.push(...Array.from(output.data as Float32Array));
    }
    return out;
  }

  /** Scores the valid minutes; the others get no probability. */
  async scoreMinutes(minutes: readonly ApneaMinute[]): Promise<ApneaMinuteScore[]> {
    const valid = minutes.filter((m) => m.valid);
    const probabilities = await this.probabilities(valid.map((m) => m.features));
    const byMinute = new Map(valid.map((m, i) => [m.minute, probabilities[i]]));
    return minutes.map((m) => ({ minute: m.minute, probability: byMinute.get(m.minute) }));
  }

  /**
   * Scores a whole night: beats in time order, seconds from the night's start. The features read
   * each minute against the night's own median, so the night is scored once its RR is in.
   */
  async scoreNight(beats: readonly RrBeat[], minutes?: number): Promise<ApneaNightScore> {
    const scores = await this.scoreMinutes(apneaMinuteFeatures(beats, minutes));
    return { minutes: scores, night: apneaNightEstimate(scores.map((s) => s.probability), this.threshold, this.mapping) };
  }
}
