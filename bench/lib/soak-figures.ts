import type { SoakSample } from './soak-sampler.js';

/** The soak's summary figures; growth is measured from the warm sample (20 % into the run) to the end. */
export interface SoakFigures {
  readonly rssFirst: number;
  readonly rssWarm: number;
  readonly rssEnd: number;
  readonly rssMax: number;
  readonly rssGrowthPct: number;
  readonly heapFirst: number;
  readonly heapWarm: number;
  readonly heapEnd: number;
  readonly heapGrowthPct: number;
  readonly lagP50Ms: number;
  readonly lagP99MedianMs: number;
  readonly lagP99WorstMs: number;
  readonly diskBytesPerHour: number;
  readonly writeCallBytesPerHour: number;
  readonly commitsPerS: number;
  readonly writtenPerS: number;
  readonly dbBytes: number;
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function growthPct(from: number, to: number): number {
  return ((to - from) / from) * 100;
}

export function soakFigures(samples: readonly SoakSample[]): SoakFigures {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined) throw new Error('no samples');
  const warm = samples.find((s) => s.atMs >= last.atMs * 0.2) ?? first;
  const hours = (last.atMs - first.atMs) / 3_600_000;
  const warmSeconds = (last.atMs - warm.atMs) / 1000;
  return {
    rssFirst: first.rssBytes,
    rssWarm: warm.rssBytes,
    rssEnd: last.rssBytes,
    rssMax: Math.max(...samples.map((s) => s.rssBytes)),
    rssGrowthPct: growthPct(warm.rssBytes, last.rssBytes),
    heapFirst: first.heapUsedBytes,
    heapWarm: warm.heapUsedBytes,
    heapEnd: last.heapUsedBytes,
    heapGrowthPct: growthPct(warm.heapUsedBytes, last.heapUsedBytes),
    lagP50Ms: median(samples.map((s) => s.lagP50Ms)),
    lagP99MedianMs: median(samples.map((s) => s.lagP99Ms)),
    lagP99WorstMs: Math.max(...samples.map((s) => s.lagP99Ms)),
    diskBytesPerHour: (last.diskWriteBytes - first.diskWriteBytes) / hours,
    writeCallBytesPerHour: (last.writeCallBytes - first.writeCallBytes) / hours,
    commitsPerS: warmSeconds > 0 ? (last.flushes - warm.flushes) / warmSeconds : Number.NaN,
    writtenPerS: warmSeconds > 0 ? (last.written - warm.written) / warmSeconds : Number.NaN,
    dbBytes: last.dbBytes,
  };
}

/** Peaks and floors of one figure in the first and last third of the samples after warm-up. */
export interface Thirds {
  readonly firstMax: number;
  readonly lastMax: number;
  readonly firstMin: number;
  readonly lastMin: number;
}

export function thirds(samples: readonly SoakSample[], pick: (s: SoakSample) => number, warmFraction = 0.2): Thirds {
  const end = samples[samples.length - 1]?.atMs ?? 0;
  const warm = samples.filter((s) => s.atMs >= end * warmFraction).map(pick);
  const third = Math.floor(warm.length / 3);
  const first = warm.slice(0, third);
  const last = warm.slice(warm.length - third);
  return { firstMax: Math.max(...first), lastMax: Math.max(...last), firstMin: Math.min(...first), lastMin: Math.min(...last) };
}

/**
 * The leak check the short soak asserts: the last third's highest RSS against the first third's,
 * after warm-up. Allocation comes in waves (GC, SQLite's page cache, WAL checkpoints), so only a
 * ratio well above 1 means memory grows without bound.
 */
export function rssThirds(samples: readonly SoakSample[], warmFraction = 0.2): Thirds {
  return thirds(samples, (s) => s.rssBytes, warmFraction);
}

export const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;
export const pct = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;
