import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** One participant of a wearable recording folder: `<id>_hr.csv.gz` and `<id>_steps.csv.gz`. */
export interface ReplayParticipant {
  readonly id: string;
  readonly heartRateFile: string;
  readonly stepsFile?: string;
}

export function listReplayParticipants(dir: string): ReplayParticipant[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new Error(`replay folder ${dir} cannot be read: ${(error as Error).message}`);
  }
  return names
    .filter((n) => n.endsWith('_hr.csv.gz'))
    .sort()
    .map((n) => {
      const id = n.slice(0, -'_hr.csv.gz'.length);
      const steps = `${id}_steps.csv.gz`;
      return { id, heartRateFile: join(dir, n), ...(names.includes(steps) ? { stepsFile: join(dir, steps) } : {}) };
    });
}

export interface TimedValue {
  readonly ts: number;
  readonly value: number;
}

/** `YYYY-MM-DD HH:MM:SS` (the recording's own clock, read as UTC) to ms. */
export function parseRecordingTime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/**
 * Reads a gzipped `datetime,value` file in time order, a slice at a time, so that months of
 * recording never sit in memory at once. Lines that do not parse are counted and skipped.
 */
export class TimedCsvReader {
  private readonly lines: AsyncIterator<string>;
  private pending: TimedValue | undefined;
  private ended = false;
  skipped = 0;

  constructor(path: string) {
    const input = createReadStream(path).pipe(createGunzip());
    this.lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  get done(): boolean {
    return this.ended && this.pending === undefined;
  }

  /** The next row's time without consuming it; undefined at the end. */
  async peekTime(): Promise<number | undefined> {
    await this.fill();
    return this.pending?.ts;
  }

  /** Every row with ts ≤ until (at most `max`). */
  async readUntil(until: number, max = 50_000): Promise<TimedValue[]> {
    const rows: TimedValue[] = [];
    while (rows.length < max) {
      await this.fill();
      if (this.pending === undefined || this.pending.ts > until) break;
      rows.push(this.pending);
      this.pending = undefined;
    }
    return rows;
  }

  async close(): Promise<void> {
    await this.lines.return?.();
  }

  private async fill(): Promise<void> {
    while (this.pending === undefined && !this.ended) {
      const next = await this.lines.next();
      if (next.done === true) {
        this.ended = true;
        return;
      }
      const comma = next.value.indexOf(',');
      const ts = parseRecordingTime(next.value.slice(0, comma));
      const value = Number(next.value.slice(comma + 1));
      if (comma < 0 || !Number.isFinite(ts) || !Number.isFinite(value)) {
        if (!next.value.startsWith('datetime')) this.skipped++;
        continue;
      }
      this.pending = { ts, value };
    }
  }
}
