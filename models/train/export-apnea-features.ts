/**
 * Writes the per-minute feature table that models/train/train_apnea.py learns from, so that the
 * model is trained on exactly the features the hub computes (hub/apps/sleeporacle/apnea-features.ts).
 *
 *   node dist/models/train/export-apnea-features.js --data ../shared/data/apnea-ecg --out <dir>
 *
 * Writes <dir>/apnea-minutes.csv (one row per labelled minute: record, cluster, minute, label,
 * whether the minute has enough clean RR to score, its coverage, the features) and
 * <dir>/apnea-records.csv (one row per record: cluster, recorded AHI, labelled minutes).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listApneaEcgRecords, readApneaEcgRecord } from '../../hub/apps/sleeporacle/apnea-ecg-folder.js';
import { APNEA_FEATURE_NAMES, apneaMinuteFeatures } from '../../hub/apps/sleeporacle/apnea-features.js';

function option(name: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? undefined : process.argv[at + 1];
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

const format = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : 'nan');

async function main(): Promise<void> {
  const dataDir = option('data');
  const outDir = option('out');
  await mkdir(outDir, { recursive: true });
  const minuteRows = [['record', 'cluster', 'minute', 'is_apnea', 'valid', 'coverage', ...APNEA_FEATURE_NAMES].join(',')];
  const recordRows = ['record,cluster,ahi,labelled_minutes'];
  const infos = await listApneaEcgRecords(dataDir);
  for (const info of infos) {
    const record = await readApneaEcgRecord(dataDir, info);
    const minutes = apneaMinuteFeatures(record.beats, record.apneaMinutes.length);
    for (const m of minutes) {
      minuteRows.push(
        [info.record, info.cluster, m.minute, record.apneaMinutes[m.minute] === true ? 1 : 0, m.valid ? 1 : 0, format(m.coverage), ...APNEA_FEATURE_NAMES.map((n) => format(m.features[n]))].join(','),
      );
    }
    recordRows.push([info.record, info.cluster, info.ahi, record.apneaMinutes.length].join(','));
  }
  await writeFile(join(outDir, 'apnea-minutes.csv'), `${minuteRows.join('\n')}\n`);
  await writeFile(join(outDir, 'apnea-records.csv'), `${recordRows.join('\n')}\n`);
  console.log(`exported ${minuteRows.length - 1} minutes from ${infos.length} records to ${outDir}`);
}

await main();
