/**
 * Reads the consumer-watch heart rate and steps of ../shared/data/wearable-replay (data/README.md).
 * Times are the study's shifted local clock; they are read as if UTC so that hours stay whole.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface HeartRateSample {
  readonly ts: number;
  readonly bpm: number;
}

export interface StepSample {
  readonly ts: number;
  readonly steps: number;
}

export interface WearablePerson {
  readonly personId: string;
  readonly hr: readonly HeartRateSample[];
  readonly steps: readonly StepSample[];
}

export async function listWearablePeople(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const ids = names.flatMap((n) => /^(\w+)_hr\.csv\.gz$/.exec(n)?.slice(1, 2) ?? []);
  return ids.filter((id) => names.includes(`${id}_steps.csv.gz`)).sort();
}

/** `YYYY-MM-DD HH:MM:SS` to ms since the epoch; NaN when it is not that shape. */
export function parseStudyTime(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (m === null) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** Rows of `datetime,value` with the header skipped and unreadable rows left out. */
export function parseTimedCsv(text: string): { ts: number; value: number }[] {
  const rows: { ts: number; value: number }[] = [];
  for (const line of text.split('\n')) {
    const comma = line.indexOf(',');
    if (comma === -1) continue;
    const ts = parseStudyTime(line.slice(0, comma));
    const value = Number(line.slice(comma + 1));
    if (Number.isFinite(ts) && Number.isFinite(value) && line.slice(comma + 1).trim() !== '') rows.push({ ts, value });
  }
  return rows;
}

export async function readWearablePerson(dir: string, personId: string): Promise<WearablePerson> {
  const [hr, steps] = await Promise.all(
    ['hr', 'steps'].map(async (kind) => parseTimedCsv(gunzipSync(await readFile(join(dir, `${personId}_${kind}.csv.gz`))).toString('utf8'))),
  );
  return {
    personId,
    hr: (hr ?? []).map((r) => ({ ts: r.ts, bpm: r.value })),
    steps: (steps ?? []).map((r) => ({ ts: r.ts, steps: r.value })),
  };
}
