import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseRecordingTime } from '../../hub/sources/replay-files.js';

const DAY_MS = 86_400_000;

function recordingTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** The first day (UTC midnight) of a `datetime,value` recording. */
function firstDay(lines: readonly string[]): number {
  for (const line of lines) {
    const ts = parseRecordingTime(line.slice(0, line.indexOf(',')));
    if (Number.isFinite(ts)) return Math.floor(ts / DAY_MS) * DAY_MS;
  }
  throw new Error('a recording without a single timed row');
}

/**
 * A copy of the wearable recordings with every participant moved onto the same calendar: each
 * one's first day becomes 2020-01-01, and only the first `days` days are kept. The shipped
 * participants wore their watches at different times of the year, so replayed as they are a
 * month holds about one person's data; aligned, the whole household wears them at once.
 */
export function alignRecordings(sourceDir: string, targetDir: string, options: { participants: number; days?: number }): void {
  mkdirSync(targetDir, { recursive: true });
  const ids = readdirSync(sourceDir)
    .filter((n) => n.endsWith('_hr.csv.gz'))
    .sort()
    .slice(0, options.participants)
    .map((n) => n.slice(0, -'_hr.csv.gz'.length));
  const start = Date.UTC(2020, 0, 1);
  for (const id of ids) {
    const hr = gunzipSync(readFileSync(join(sourceDir, `${id}_hr.csv.gz`))).toString('utf8').split('\n');
    const shift = start - firstDay(hr.slice(1));
    const end = options.days === undefined ? Infinity : start + options.days * DAY_MS;
    for (const kind of ['hr', 'steps']) {
      let lines: string[];
      try {
        lines = kind === 'hr' ? hr : gunzipSync(readFileSync(join(sourceDir, `${id}_${kind}.csv.gz`))).toString('utf8').split('\n');
      } catch {
        continue;
      }
      const out = [lines[0] ?? 'datetime,value'];
      for (const line of lines.slice(1)) {
        const comma = line.indexOf(',');
        const ts = parseRecordingTime(line.slice(0, comma)) + shift;
        if (!Number.isFinite(ts) || ts >= end) continue;
        out.push(`${recordingTime(ts)}${line.slice(comma)}`);
      }
      writeFileSync(join(targetDir, `${id}_${kind}.csv.gz`), gzipSync(`${out.join('\n')}\n`));
    }
  }
}
