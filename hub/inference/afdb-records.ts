/**
 * Reads the MIT-BIH AFDB extraction in ../shared/data/afdb (data/README.md): per record, the RR
 * intervals and the rhythm each beat belongs to.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LabelledBeat {
  readonly rrMs: number;
  /** Rhythm as annotated ('N', 'AFIB', 'AFL', 'J'); undefined before the first annotation. */
  readonly rhythm: string | undefined;
}

export interface AfdbRecord {
  readonly recordId: string;
  readonly beats: readonly LabelledBeat[];
}

export async function listAfdbRecords(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const ids = names.flatMap((n) => /^qrs(\w+)\.txt$/.exec(n)?.slice(1, 2) ?? []);
  return ids.filter((id) => names.includes(`atr${id}.txt`)).sort();
}

interface RhythmChange {
  readonly sample: number;
  readonly rhythm: string;
}

export function parseRhythmAnnotations(text: string): RhythmChange[] {
  const changes: RhythmChange[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const sample = Number(fields[1]);
    const aux = fields[6];
    if (aux === undefined || !aux.startsWith('(') || !Number.isFinite(sample)) continue;
    changes.push({ sample, rhythm: aux.slice(1) });
  }
  return changes.sort((a, b) => a.sample - b.sample);
}

/** A beat's rhythm is the last annotation at or before the sample that ends its RR interval. */
export function labelBeats(qrsText: string, changes: readonly RhythmChange[]): LabelledBeat[] {
  const beats: LabelledBeat[] = [];
  let next = 0;
  let rhythm: string | undefined;
  for (const line of qrsText.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3) continue;
    const rrSeconds = Number(fields[1]);
    const endSample = Number(fields[2]);
    if (!Number.isFinite(rrSeconds) || !Number.isFinite(endSample)) continue;
    while (next < changes.length && (changes[next]?.sample ?? Infinity) <= endSample) {
      rhythm = changes[next]?.rhythm;
      next++;
    }
    beats.push({ rrMs: Math.round(rrSeconds * 1e6) / 1e3, rhythm });
  }
  return beats;
}

export async function readAfdbRecord(dir: string, recordId: string): Promise<AfdbRecord> {
  const [qrs, atr] = await Promise.all([
    readFile(join(dir, `qrs${recordId}.txt`), 'utf8'),
    readFile(join(dir, `atr${recordId}.txt`), 'utf8'),
  ]);
  return { recordId, beats: labelBeats(qrs, parseRhythmAnnotations(atr)) };
}
