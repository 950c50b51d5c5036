/**
 * `hearth eval af`: runs the shipped AF model and the Tateno & Glass baseline on the same windows of
 * an AFDB-format folder and reports per-window screening figures for both.
 */
import { readAfdbWindows } from './af-window-table.js';
import type { AfScreening } from './af-screening.js';
import { confusion, screeningFigures, type ScreeningFigures } from './binary-metrics.js';
import { tatenoGlassDistance } from './tateno-glass.js';

export interface AfEvaluation {
  readonly dataDir: string;
  readonly records: readonly string[];
  readonly windowBeats: number;
  readonly model: ScreeningFigures;
  readonly tatenoGlass: ScreeningFigures;
}

/** Windows are scored in batches to keep memory flat on a small box. */
const BATCH = 512;

export async function evaluateAf(screening: AfScreening, dataDir: string): Promise<AfEvaluation> {
  const windows = await readAfdbWindows(dataDir, screening.windowBeats);
  const truth = windows.map((w) => w.isAf);
  const modelCalls: boolean[] = [];
  for (let start = 0; start < windows.length; start += BATCH) {
    const batch = windows.slice(start, start + BATCH);
    const probabilities = await screening.probabilities(batch.map((w) => screening.featuresOf(w.clean, w.rrMs.length)));
    modelCalls.push(...probabilities.map((p) => p >= screening.threshold));
  }
  const reference = screening.tatenoGlass;
  const baselineCalls = windows.map((w) => tatenoGlassDistance(w.clean.deltas, w.meanRrMs, reference) < reference.threshold);
  return {
    dataDir,
    records: [...new Set(windows.map((w) => w.recordId))],
    windowBeats: screening.windowBeats,
    model: screeningFigures(confusion(truth, modelCalls)),
    tatenoGlass: screeningFigures(confusion(truth, baselineCalls)),
  };
}
