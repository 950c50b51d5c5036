import { readFileSync, statSync } from 'node:fs';

/** One look at the hub process from outside: the kernel's view, its /metrics and the database file. */
export interface SoakSample {
  /** Wall time of the sample, ms since the run started. */
  readonly atMs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Event-loop delay since the previous scrape (prom-client resets its window on each scrape). */
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  /** Bytes the process caused to reach the block layer, and bytes it handed to write() at all. */
  readonly diskWriteBytes: number;
  readonly writeCallBytes: number;
  readonly flushes: number;
  readonly written: number;
  readonly accepted: number;
  /** The database file and its write-ahead log together, and the log alone. */
  readonly dbBytes: number;
  readonly walBytes: number;
}

function procField(file: string, field: string): number {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  if (line === undefined) return Number.NaN;
  return Number(line.slice(field.length + 1).trim().split(/\s+/)[0]);
}

/** The process's resident set from /proc/<pid>/status (VmRSS is in kB). */
export function processRssBytes(pid: number): number {
  return procField(`/proc/${pid}/status`, 'VmRSS') * 1024;
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The sum of every sample line of `name` (all label sets), or NaN when the body has none. */
export function metricValue(text: string, name: string): number {
  let sum = Number.NaN;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (!rest.startsWith(' ') && !rest.startsWith('{')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    sum = Number.isNaN(sum) ? value : sum + value;
  }
  return sum;
}

export async function takeSample(pid: number, port: number, databaseFile: string, startedAt: number): Promise<SoakSample> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  const text = await response.text();
  return {
    atMs: Date.now() - startedAt,
    rssBytes: processRssBytes(pid),
    heapUsedBytes: metricValue(text, 'nodejs_heap_size_used_bytes'),
    lagP50Ms: metricValue(text, 'nodejs_eventloop_lag_p50_seconds') * 1000,
    lagP99Ms: metricValue(text, 'nodejs_eventloop_lag_p99_seconds') * 1000,
    diskWriteBytes: procField(`/proc/${pid}/io`, 'write_bytes'),
    writeCallBytes: procField(`/proc/${pid}/io`, 'wchar'),
    flushes: metricValue(text, 'hearth_store_flushes_total'),
    written: metricValue(text, 'hearth_store_written_total'),
    accepted: zeroIfAbsent(metricValue(text, 'hearth_readings_accepted_total')),
    dbBytes: fileBytes(databaseFile) + fileBytes(`${databaseFile}-wal`),
    walBytes: fileBytes(`${databaseFile}-wal`),
  };
}

/** A counter with no label set yet (nothing counted) prints no line at all. */
function zeroIfAbsent(value: number): number {
  return Number.isNaN(value) ? 0 : value;
}
