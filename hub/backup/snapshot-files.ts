import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Snapshots are named by their UTC time, so that their names sort in time order. */
const NAME = /^hearth-(\d{8})T(\d{6})(\d{3})Z\.db$/;

export interface SnapshotFile {
  readonly file: string;
  readonly bytes: number;
  /** ms since the epoch, from the name. */
  readonly takenAt: number;
}

export function snapshotName(now: number): string {
  const iso = new Date(now).toISOString(); // 2024-03-01T02:30:00.000Z
  return `hearth-${iso.slice(0, 10).replace(/-/g, '')}T${iso.slice(11, 19).replace(/:/g, '')}${iso.slice(20, 23)}Z.db`;
}

function takenAt(name: string): number | undefined {
  const m = NAME.exec(name);
  if (m === null) return undefined;
  const [d, t, ms] = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8)), Number(t.slice(0, 2)), Number(t.slice(2, 4)), Number(t.slice(4, 6)), Number(ms));
}

/** The snapshots in `dir`, newest first; an absent directory holds none. */
export function listSnapshots(dir: string): SnapshotFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: SnapshotFile[] = [];
  for (const name of names) {
    const at = takenAt(name);
    if (at === undefined) continue;
    const file = join(dir, name);
    found.push({ file, bytes: statSync(file).size, takenAt: at });
  }
  return found.sort((a, b) => b.takenAt - a.takenAt);
}
