/**
 * `hearth eval apnea`: runs the shipped apnea-rr model on every record of a folder in the
 * Apnea-ECG format and reports per-minute figures (against the experts' minute labels) and
 * per-night figures (the estimate against the recorded AHI: screening at 5 events per hour, and the
 * four risk categories).
 */
import { confusion, rocAuc, screeningFigures, type ConfusionCounts } from '../../inference/binary-metrics.js';
import { listApneaEcgRecords, readApneaEcgRecord } from './apnea-ecg-folder.js';
import { APNEA_CATEGORY_FLOORS, apneaCategory, type ApneaRiskCategory } from './apnea-night.js';
import type { ApneaScreening } from './apnea-screening.js';

export interface ApneaRecordFigures {
  readonly record: string;
  readonly cluster: string;
  readonly labelledMinutes: number;
  readonly scoredMinutes: number;
  readonly labelledApneaMinutes: number;
  readonly estimatedApneaMinutes: number;
  readonly minuteAccuracy: number;
  readonly apneaMinutesPerHour: number | null;
  readonly estimatedAhi: number | null;
  readonly recordedAhi: number;
  readonly category: ApneaRiskCategory | null;
  readonly recordedCategory: ApneaRiskCategory;
}

export interface ApneaEvaluation {
  readonly dataDir: string;
  readonly records: readonly string[];
  readonly threshold: number;
  readonly minutes: ConfusionCounts & {
    readonly accuracy: number;
    readonly sensitivity: number;
    readonly specificity: number;
    readonly auc: number;
    /** Labelled minutes with too little clean RR to score; left out of the figures above. */
    readonly unscored: number;
    readonly scored: number;
  };
  readonly nights: ConfusionCounts & {
    readonly nights: number;
    /** Estimated AHI ≥ 5 against recorded AHI ≥ 5. */
    readonly screeningAccuracy: number;
    readonly sensitivity: number;
    readonly specificity: number;
    /** Same category (normal, mild, moderate, severe) as the recorded AHI. */
    readonly categoryAccuracy: number;
    /** Nights with under an hour of valid RR get no estimate; left out of the figures above. */
    readonly unestimated: number;
  };
  readonly perRecord: readonly ApneaRecordFigures[];
}

const round = (v: number, digits = 5): number => Math.round(v * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : round(a / b));

export async function evaluateApnea(screening: ApneaScreening, dataDir: string): Promise<ApneaEvaluation> {
  const infos = await listApneaEcgRecords(dataDir);
  const truth: boolean[] = [];
  const probabilities: number[] = [];
  let unscored = 0;
  const perRecord: ApneaRecordFigures[] = [];
  for (const info of infos) {
    const record = await readApneaEcgRecord(dataDir, info);
    const { minutes, night } = await screening.scoreNight(record.beats, record.apneaMinutes.length);
    let correct = 0;
    let scored = 0;
    minutes.forEach(({ probability }, m) => {
      const label = record.apneaMinutes[m] === true;
      if (probability === undefined) {
        unscored++;
        return;
      }
      truth.push(label);
      probabilities.push(probability);
      scored++;
      if (probability >= screening.threshold === label) correct++;
    });
    perRecord.push({
      record: info.record,
      cluster: info.cluster,
      labelledMinutes: record.apneaMinutes.length,
      scoredMinutes: scored,
      labelledApneaMinutes: record.apneaMinutes.filter(Boolean).length,
      estimatedApneaMinutes: night.apneaMinutes,
      minuteAccuracy: ratio(correct, scored),
      apneaMinutesPerHour: night.apneaMinutesPerHour === undefined ? null : round(night.apneaMinutesPerHour, 3),
      estimatedAhi: night.estimatedAhi === undefined ? null : round(night.estimatedAhi, 3),
      recordedAhi: info.ahi,
      category: night.category ?? null,
      recordedCategory: apneaCategory(info.ahi),
    });
  }
  const minuteFigures = screeningFigures(confusion(truth, probabilities.map((p) => p >= screening.threshold)));
  const estimated = perRecord.filter((r) => r.estimatedAhi !== null);
  const nightFigures = screeningFigures(
    confusion(
      estimated.map((r) => r.recordedAhi >= APNEA_CATEGORY_FLOORS.mild),
      estimated.map((r) => (r.estimatedAhi ?? 0) >= APNEA_CATEGORY_FLOORS.mild),
    ),
  );
  return {
    dataDir,
    records: infos.map((r) => r.record),
    threshold: screening.threshold,
    minutes: {
      tp: minuteFigures.tp,
      fp: minuteFigures.fp,
      tn: minuteFigures.tn,
      fn: minuteFigures.fn,
      accuracy: minuteFigures.accuracy,
      sensitivity: minuteFigures.sensitivity,
      specificity: minuteFigures.specificity,
      auc: rocAuc(truth, probabilities),
      scored: truth.length,
      unscored,
    },
    nights: {
      tp: nightFigures.tp,
      fp: nightFigures.fp,
      tn: nightFigures.tn,
      fn: nightFigures.fn,
      nights: estimated.length,
      screeningAccuracy: nightFigures.accuracy,
      sensitivity: nightFigures.sensitivity,
      specificity: nightFigures.specificity,
      categoryAccuracy: ratio(estimated.filter((r) => r.category === r.recordedCategory).length, estimated.length),
      unestimated: perRecord.length - estimated.length,
    },
    perRecord,
  };
}
