/**
 * Reads a folder in the format of the Apnea-ECG conversion in ../shared/data/apnea-ecg
 * (README-apnea-stress.md): `records.csv` with one row per record (at least `record` and `AHI`;
 * `cluster` groups the records of one person), and per record `<rec>_rr.csv.gz` (`t_s,rr_ms`) and
 * `<rec>_apnea.csv` (`minute,label`, label A or N).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RrBeat } from './night-rr-cleaning.js';

export interface ApneaEcgRecordInfo {
  readonly record: string;
  /** The person (or group of linked people) the record belongs to; the record itself when unknown. */
  readonly cluster: string;
  /** Apneas and hypopneas per hour, as scored by the database's experts. */
  readonly ahi: number;
}

export interface ApneaEcgRecord extends ApneaEcgRecordInfo {
  readonly beats: readonly RrBeat[];
  /** One label per minute from minute 0: true for an apnea minute. */
  readonly apneaMinutes: readonly boolean[];
}

export class NotApneaEcgFolderError extends Error {
  override name = 'NotApneaEcgFolderError';
  constructor(dir: string, why: string) {
    super(`${dir} is not a folder in the Apnea-ECG format (records.csv with record and AHI columns, <record>_rr.csv.gz and <record>_apnea.csv per record): ${why}`);
  }
}

function csvRows(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

/** The records of `dir` that have a row in records.csv and both of their files, in name order. */
export async function listApneaEcgRecords(dir: string): Promise<ApneaEcgRecordInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new NotApneaEcgFolderError(dir, error instanceof Error ? error.message : String(error));
  }
  if (!names.includes('records.csv')) throw new NotApneaEcgFolderError(dir, 'no records.csv');
  const [header = [], ...rows] = csvRows(await readFile(join(dir, 'records.csv'), 'utf8'));
  const column = (name: string): number => header.indexOf(name);
  const [recordAt, ahiAt, clusterAt] = [column('record'), column('AHI'), column('cluster')];
  if (recordAt === -1 || ahiAt === -1) throw new NotApneaEcgFolderError(dir, `records.csv has columns [${header.join(', ')}]`);
  const records = rows.flatMap((row): ApneaEcgRecordInfo[] => {
    const record = row[recordAt] ?? '';
    const ahi = Number(row[ahiAt]);
    if (!names.includes(`${record}_rr.csv.gz`) || !names.includes(`${record}_apnea.csv`) || !Number.isFinite(ahi)) return [];
    return [{ record, cluster: (clusterAt === -1 ? undefined : row[clusterAt]) || record, ahi }];
  });
  if (records.length === 0) throw new NotApneaEcgFolderError(dir, 'no record listed in records.csv has both of its files and an AHI');
  return records.sort((a, b) => a.record.localeCompare(b.record));
}

export function parseRrCsv(text: string): RrBeat[] {
  return csvRows(text)
    .slice(1)
    .map(([t, rr]) => ({ t: Number(t), rrMs: Number(rr) }))
    .filter((b) => Number.isFinite(b.t) && Number.isFinite(b.rrMs));
}

/** `source` names the file in the error for a minute without a label. */
export function parseApneaLabels(text: string, source = 'labels'): boolean[] {
  const labels: boolean[] = [];
  for (const [minute, label] of csvRows(text).slice(1)) {
    const m = Number(minute);
    if (Number.isInteger(m) && m >= 0 && (label === 'A' || label === 'N')) labels[m] = label === 'A';
  }
  for (let m = 0; m < labels.length; m++) if (labels[m] === undefined) throw new Error(`${source}: minute ${m} has no label`);
  return labels;
}

export async function readApneaEcgRecord(dir: string, info: ApneaEcgRecordInfo): Promise<ApneaEcgRecord> {
  const [rr, labels] = await Promise.all([readFile(join(dir, `${info.record}_rr.csv.gz`)), readFile(join(dir, `${info.record}_apnea.csv`), 'utf8')]);
  return { ...info, beats: parseRrCsv(gunzipSync(rr).toString('utf8')), apneaMinutes: parseApneaLabels(labels, `${info.record}_apnea.csv`) };
}
