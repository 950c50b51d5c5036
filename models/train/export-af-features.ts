/**
 * Writes the AF feature table that models/train/train_af.py learns from, so that the model is
 * trained on exactly the features the hub computes (hub/inference/rr-features.ts).
 *
 *   node dist/models/train/export-af-features.js --data ../shared/data/afdb --out <dir>
 *
 * Writes <dir>/af-windows.csv (one row per window: record, label, features computed with the
 * all-record Tateno & Glass reference, and the KS distance computed with each record's leave-out
 * reference), <dir>/tateno-glass.json (the all-record reference and threshold) and
 * <dir>/tateno-glass-loro.json (the baseline's leave-one-record-out predictions).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fitTatenoGlass, readAfdbWindows, windowFeatures } from '../../hub/inference/af-window-table.js';
import { AF_FEATURE_NAMES } from '../../hub/inference/rr-features.js';
import { AF_WINDOW_BEATS } from '../../hub/inference/rr-windows.js';
import { tatenoGlassDistance } from '../../hub/inference/tateno-glass.js';

function option(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : process.argv[at + 1];
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

const format = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : 'nan');

async function main(): Promise<void> {
  const dataDir = option('data');
  const outDir = option('out');
  await mkdir(outDir, { recursive: true });
  const beats = Number(option('beats', String(AF_WINDOW_BEATS)));
  const windows = await readAfdbWindows(dataDir, beats, Number(option('step', String(beats))));
  const records = [...new Set(windows.map((w) => w.recordId))];
  const all = fitTatenoGlass(windows);
  const heldOut = new Map(records.map((r) => [r, fitTatenoGlass(windows.filter((w) => w.recordId !== r))]));

  const header = ['record', 'start_beat', 'af_fraction', 'is_af', ...AF_FEATURE_NAMES, ...records.map((r) => `ks_without_${r}`)];
  const rows = [header.join(',')];
  const loroPredictions: { record: string; isAf: boolean; predictedAf: boolean }[] = [];
  for (const w of windows) {
    const features = windowFeatures(w, all);
    const foldDistances = records.map((r) => {
      const ref = heldOut.get(r);
      return ref === undefined ? Number.NaN : tatenoGlassDistance(w.clean.deltas, w.meanRrMs, ref);
    });
    const own = heldOut.get(w.recordId);
    const ownDistance = foldDistances[records.indexOf(w.recordId)] ?? Number.NaN;
    loroPredictions.push({ record: w.recordId, isAf: w.isAf, predictedAf: own !== undefined && ownDistance < own.threshold });
    rows.push(
      [w.recordId, w.startBeat, format(w.afFraction), w.isAf ? 1 : 0, ...AF_FEATURE_NAMES.map((n) => format(features[n])), ...foldDistances.map(format)].join(','),
    );
  }
  await writeFile(join(outDir, 'af-windows.csv'), `${rows.join('\n')}\n`);
  await writeFile(join(outDir, 'tateno-glass.json'), `${JSON.stringify(all)}\n`);
  await writeFile(join(outDir, 'tateno-glass-loro.json'), `${JSON.stringify(loroPredictions)}\n`);
  console.log(`exported ${windows.length} windows from ${records.length} records to ${outDir}`);
}

await main();
