/**
 * AF screening of RR windows with the shipped af-rr model; the live hub and `hearth eval af` both
 * score through this class, so that they compute the same features the same way.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ort } from './onnx-runtime.js';
import { explainAf, type AfFeatureReference } from './af-explanation.js';
import type { LoadedModel, ModelRegistry } from './model-registry.js';
import { cleanRrWindow, type CleanRr } from './rr-cleaning.js';
import { AF_FEATURE_NAMES, afFeaturesFromClean, afFeatureVector, type AfFeatures } from './rr-features.js';
import { median } from './stats.js';
import { tatenoGlassDistance, type TatenoGlassReference } from './tateno-glass.js';

export const AF_MODEL_ID = 'af-rr';

export interface AfWindowScore {
  readonly probability: number;
  readonly isAf: boolean;
  readonly features: AfFeatures;
  readonly tatenoGlass: { readonly distance: number; readonly isAf: boolean };
  readonly explanation: string;
}

export class AfScreening {
  constructor(
    private readonly model: LoadedModel,
    readonly tatenoGlass: TatenoGlassReference,
  ) {}

  static async fromRegistry(registry: ModelRegistry): Promise<AfScreening | undefined> {
    const model = registry.get(AF_MODEL_ID);
    if (model === undefined) return undefined;
    const reference = JSON.parse(await readFile(join(model.dir, 'tateno-glass.json'), 'utf8')) as TatenoGlassReference;
    return new AfScreening(model, reference);
  }

  get threshold(): number {
    return this.model.manifest.decisionThreshold;
  }

  /** Beats per window the model was trained on. */
  get windowBeats(): number {
    const length = this.model.manifest.window.length;
    return typeof length === 'number' ? length : 60;
  }

  featuresOf(clean: CleanRr, windowLength: number): AfFeatures {
    return afFeaturesFromClean(clean, windowLength, this.tatenoGlass);
  }

  /** Probabilities for many feature vectors in one run of the graph. */
  async probabilities(features: readonly AfFeatures[]): Promise<number[]> {
    if (features.length === 0) return [];
    const data = Float32Array.from(features.flatMap(afFeatureVector));
    const input = new ort.Tensor('float32', data, [features.length, AF_FEATURE_NAMES.length]);
    const inputName = this.model.manifest.inputs[0]?.name ?? 'features';
    const outputName = this.model.manifest.outputs[0]?.name ?? 'af_probability';
    const result = await this.model.session.run({ [inputName]: input });
    const output = result[outputName];
    if (output === undefined) throw new Error(`model ${AF_MODEL_ID} gave no ${outputName}`);
    return Array.from(output.data as Float32Array);
  }

  /**
   * Scores one window of RR intervals (ms, in order). `personal` holds the person's usual feature
   * values (see personalRrBaseline), used only to word the explanation.
   */
  async scoreRrWindow(rrMs: readonly number[], personal?: Partial<AfFeatures>): Promise<AfWindowScore> {
    const clean = cleanRrWindow(rrMs);
    const features = this.featuresOf(clean, rrMs.length);
    const [probability = Number.NaN] = await this.probabilities([features]);
    const distance = tatenoGlassDistance(clean.deltas, features.mean_rr_ms, this.tatenoGlass);
    const reference = (this.model.manifest.featureReference ?? {}) as AfFeatureReference;
    return {
      probability,
      isAf: probability >= this.threshold,
      features,
      tatenoGlass: { distance, isAf: distance < this.tatenoGlass.threshold },
      explanation: explainAf(features, probability, this.threshold, reference, personal, clean.artefactCount + clean.ectopicCount),
    };
  }
}

/** A person's usual feature values: the median over their recent windows not screened as AF. */
export function personalRrBaseline(windows: readonly AfFeatures[]): Partial<AfFeatures> {
  const baseline: Partial<Record<keyof AfFeatures, number>> = {};
  for (const name of AF_FEATURE_NAMES) {
    const values = windows.map((w) => w[name]).filter(Number.isFinite);
    if (values.length > 0) baseline[name] = median(values);
  }
  return baseline;
}
