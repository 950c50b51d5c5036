/**
 * Turns an AFDB folder into scored windows: features for every window, and the Tateno & Glass
 * references built with and without each record, so that training and evaluation can hold a record
 * out without its beats leaking into the reference it is judged against.
 */
import { listAfdbRecords, readAfdbRecord } from './afdb-records.js';
import { cleanRrWindow, type CleanRr } from './rr-cleaning.js';
import { afFeaturesFromClean, type AfFeatures } from './rr-features.js';
import { labelledWindows, type LabelledRrWindow } from './rr-windows.js';
import { mean } from './stats.js';
import {
  buildTatenoGlassCdfs,
  DEFAULT_TG_LAYOUT,
  fitThreshold,
  tatenoGlassDistance,
  type TatenoGlassReference,
} from './tateno-glass.js';

export interface CleanedWindow extends LabelledRrWindow {
  readonly clean: CleanRr;
  readonly meanRrMs: number;
}

export async function readAfdbWindows(dir: string, windowBeats?: number, stepBeats?: number): Promise<CleanedWindow[]> {
  const windows: CleanedWindow[] = [];
  for (const id of await listAfdbRecords(dir)) {
    const record = await readAfdbRecord(dir, id);
    for (const w of labelledWindows(id, record.beats, windowBeats, stepBeats)) {
      const clean = cleanRrWindow(w.rrMs);
      windows.push({ ...w, clean, meanRrMs: mean(clean.kept) });
    }
  }
  return windows;
}

/** Reference CDFs from the AF windows given, with the threshold fitted on those same windows. */
export function fitTatenoGlass(windows: readonly CleanedWindow[]): TatenoGlassReference {
  const cdfs = buildTatenoGlassCdfs(windows.filter((w) => w.isAf).map((w) => ({ meanRrMs: w.meanRrMs, deltas: w.clean.deltas })));
  const layout = { ...DEFAULT_TG_LAYOUT, cdfs, threshold: 0.5 };
  const scored = windows.map((w) => ({ distance: tatenoGlassDistance(w.clean.deltas, w.meanRrMs, layout), isAf: w.isAf }));
  return {
    meanRrStartMs: layout.meanRrStartMs,
    meanRrBinMs: layout.meanRrBinMs,
    gridStartMs: layout.gridStartMs,
    gridStepMs: layout.gridStepMs,
    gridCount: layout.gridCount,
    cdfs,
    threshold: fitThreshold(scored),
  };
}

export function windowFeatures(w: CleanedWindow, reference: TatenoGlassReference): AfFeatures {
  return afFeaturesFromClean(w.clean, w.rrMs.length, reference);
}
