/**
 * Early illness warning from hourly resting heart rate: each hour is z-scored against the person's
 * adaptive baseline, and the hour's illness score is the level of the last day against it: the mean
 * z of the resting hours of the past 24 h (each z clipped to ±3, so one glitch cannot carry a day).
 * A flag needs anomalous hours that persist within a day.
 *
 * The level is what an infection changes: resting HR sits a few bpm above the usual for days. The
 * shipped autoencoder scored how far the last 8 hours stray from their own reconstruction, which a
 * sustained rise barely does (10.9 % of injected rises flagged); it is kept loadable for `reconstruct`
 * but no longer decides (models/illness-rhr/MODEL_CARD.md).
 */
import { ort } from './onnx-runtime.js';
import type { LoadedModel, ModelRegistry } from './model-registry.js';
import { DEFAULT_PERSISTENCE, persistentFlags, type PersistenceRule } from './persistence-rule.js';
import { HOUR_MS, type HourlyRestingHr } from './resting-hr.js';
import { baselineHours } from './rhr-baseline.js';
import { ILLNESS_WINDOW_HOURS } from './illness-windows.js';
import { levelScores } from './level-score.js';

export const ILLNESS_MODEL_ID = 'illness-rhr';

export interface IllnessHourScore {
  readonly ts: number;
  readonly restingBpm: number;
  readonly baselineBpm: number;
  readonly spreadBpm: number;
  readonly z: number;
  /** Mean clipped z of the resting hours of the 24 h ending at this hour: the illness_score metric. */
  readonly score: number;
  /** Resting hours that the score averages. */
  readonly hoursInDay: number;
  readonly anomalous: boolean;
}

export interface IllnessFlag {
  readonly ts: number;
  readonly anomalousHours: number;
  readonly restingBpm: number;
  readonly baselineBpm: number;
  readonly spreadBpm: number;
  readonly explanation: string;
}

const BATCH = 1024;

export class IllnessWarning {
  constructor(private readonly model: LoadedModel) {}

  static fromRegistry(registry: ModelRegistry): IllnessWarning | undefined {
    const model = registry.get(ILLNESS_MODEL_ID);
    return model === undefined ? undefined : new IllnessWarning(model);
  }

  get threshold(): number {
    return this.model.manifest.decisionThreshold;
  }

  get rule(): PersistenceRule {
    const persistence = this.model.manifest.window.persistence as Partial<PersistenceRule> | undefined;
    return { ...DEFAULT_PERSISTENCE, ...persistence };
  }

  /** Reconstructions of z windows (each ILLNESS_WINDOW_HOURS long) by the autoencoder. */
  async reconstruct(windows: readonly (readonly number[])[]): Promise<number[][]> {
    const out: number[][] = [];
    const inputName = this.model.manifest.inputs[0]?.name ?? 'rhr_z';
    const outputName = this.model.manifest.outputs[0]?.name ?? 'reconstruction';
    for (let start = 0; start < windows.length; start += BATCH) {
      const batch = windows.slice(start, start + BATCH);
      const data = Float32Array.from(batch.flatMap((w) => [...w]));
      const result = await this.model.session.run({ [inputName]: new ort.Tensor('float32', data, [batch.length, ILLNESS_WINDOW_HOURS, 1]) });
      const values = result[outputName]?.data as Float32Array | undefined;
      if (values === undefined) throw new Error(`model ${ILLNESS_MODEL_ID} gave no ${outputName}`);
      batch.forEach((_, i) => out.push(Array.from(values.subarray(i * ILLNESS_WINDOW_HOURS, (i + 1) * ILLNESS_WINDOW_HOURS))));
    }
    return out;
  }

  /**
   * Illness scores for the hours of one person's hourly resting HR (time order). Hours before
   * `fromTs` still feed the baseline but get no score.
   */
  async illnessScores(hours: readonly HourlyRestingHr[], fromTs = -Infinity): Promise<IllnessHourScore[]> {
    return Promise.resolve(
      levelScores(baselineHours(hours, fromTs)).map((h) => ({
        ts: h.ts,
        restingBpm: h.bpm,
        baselineBpm: h.baselineBpm,
        spreadBpm: h.spreadBpm,
        z: h.z,
        score: h.score,
        hoursInDay: h.hoursInDay,
        anomalous: h.score > this.threshold,
      })),
    );
  }

  /** Flags with their explanation, from scores in time order. */
  illnessFlags(scores: readonly IllnessHourScore[]): IllnessFlag[] {
    const rule = this.rule;
    return persistentFlags(scores, this.threshold, rule).map((ts) => {
      const day = scores.filter((s) => s.ts > ts - rule.withinHours * HOUR_MS && s.ts <= ts);
      const anomalous = day.filter((s) => s.anomalous);
      const restingBpm = anomalous.reduce((sum, s) => sum + s.restingBpm, 0) / Math.max(1, anomalous.length);
      const last = day[day.length - 1];
      const baselineBpm = last?.baselineBpm ?? Number.NaN;
      const spreadBpm = last?.spreadBpm ?? Number.NaN;
      return {
        ts,
        anomalousHours: anomalous.length,
        restingBpm,
        baselineBpm,
        spreadBpm,
        explanation:
          `Resting heart rate has been raised for ${anomalous.length} of the last ${rule.withinHours} hours: ` +
          `${restingBpm.toFixed(0)} bpm on average in those hours against your usual ${baselineBpm.toFixed(0)} bpm ` +
          `(typical variation ±${spreadBpm.toFixed(1)} bpm over the past four weeks). A raised resting heart rate can come ` +
          'with an oncoming infection, but also with poor sleep, alcohol, stress or hard training. This is a screening aid, ' +
          'not a diagnosis; if you feel unwell, talk to a clinician.',
      };
    });
  }
}
