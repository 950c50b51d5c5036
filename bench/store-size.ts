/**
 * Bytes on disk per stored reading: scalar readings (one 1 Hz series alone, and four interleaved
 * series as an oximeter sends them) and waveform samples (ECG, pleth) in the blocks devices send.
 */
import { join } from 'node:path';
import type { Reading } from '../core/reading.js';
import type { MetricId } from '../core/metrics.js';
import type { Store } from '../hub/store/store.js';
import { isMain, printTable, withTempDir } from './lib/bench-env.js';
import { BENCH_T0, databaseBytes, heartRateAt1Hz, openBenchStore, writeAll } from './lib/store-fixtures.js';
import { syntheticEcg, syntheticPleth } from './lib/waveforms.js';

export interface SizeBenchFigures {
  bytesPerReadingOneSeries: number;
  bytesPerReadingInterleaved: number;
  bytesPerEcgSample: number;
  bytesPerEcgSampleNoisy: number;
  bytesPerPlethSample: number;
}

const DAY_SECONDS = 86_400;

/** Bytes added by what `fill` writes, over a store that holds only the schema. */
async function measure(dir: string, name: string, fill: (store: Store) => number): Promise<number> {
  const store = await openBenchStore(join(dir, `${name}.db`));
  try {
    const empty = databaseBytes(store);
    const units = fill(store);
    return (databaseBytes(store) - empty) / units;
  } finally {
    await store.stop();
  }
}

function* oximeter(seconds: number): Generator<Reading> {
  const metrics: readonly [MetricId, string, (i: number) => number][] = [
    ['spo2', '%', (i) => 96 + (i % 3)],
    ['pulse_rate', 'bpm', (i) => 60 + (i % 17)],
    ['perfusion_index', '%', (i) => Math.round(300 + 200 * Math.sin(i / 50)) / 100],
    ['heart_rate', 'bpm', (i) => 61 + (i % 13)],
  ];
  for (let i = 0; i < seconds; i++) {
    for (const [metric, unit, value] of metrics) yield { metric, unit, value: value(i), ts: BENCH_T0 + i * 1000, deviceId: 'oximeter', personId: 'alice', tsSource: 'device' };
  }
}

function writeWaveform(store: Store, metric: MetricId, samples: readonly number[], rateHz: number, perBlock: number): number {
  for (let start = 0; start < samples.length; start += perBlock) {
    store.writer.writeWaveform({ metric, deviceId: 'sensor', personId: 'alice', t0: BENCH_T0 + Math.round((start * 1000) / rateHz), rateHz, samples: samples.slice(start, start + perBlock) });
  }
  store.writer.flush();
  return samples.length;
}

export async function run(): Promise<SizeBenchFigures> {
  return withTempDir(async (dir) => {
    const hour = 3600;
    const figures: SizeBenchFigures = {
      bytesPerReadingOneSeries: await measure(dir, 'one', (store) => writeAll(store, heartRateAt1Hz(7 * DAY_SECONDS))),
      bytesPerReadingInterleaved: await measure(dir, 'interleaved', (store) => writeAll(store, oximeter(2 * DAY_SECONDS))),
      // Polar H10 sends 73 ECG samples per notification at 130 Hz.
      bytesPerEcgSample: await measure(dir, 'ecg', (store) => writeWaveform(store, 'ecg', syntheticEcg(hour, 130, 8), 130, 73)),
      bytesPerEcgSampleNoisy: await measure(dir, 'ecg-noisy', (store) => writeWaveform(store, 'ecg', syntheticEcg(hour, 130, 25), 130, 73)),
      // Nonin sends pleth at 75 Hz, 8 bits, about a frame of 75 samples per second.
      bytesPerPlethSample: await measure(dir, 'pleth', (store) => writeWaveform(store, 'pleth', syntheticPleth(hour, 75), 75, 75)),
    };
    printTable('store: bytes on disk (page_count x page_size after checkpoint, schema excluded)', [
      ['scalar, one 1 Hz series (7 days)', `${figures.bytesPerReadingOneSeries.toFixed(1)} B/reading (target <= 30)`],
      ['scalar, 4 interleaved 1 Hz series', `${figures.bytesPerReadingInterleaved.toFixed(1)} B/reading (target <= 30)`],
      ['ECG 130 Hz µV, 8 µV noise, 73/block', `${figures.bytesPerEcgSample.toFixed(2)} B/sample (target <= 2)`],
      ['ECG 130 Hz µV, 25 µV noise, 73/block', `${figures.bytesPerEcgSampleNoisy.toFixed(2)} B/sample (target <= 2)`],
      ['pleth 75 Hz 8-bit, 75/block', `${figures.bytesPerPlethSample.toFixed(2)} B/sample (target <= 2)`],
    ]);
    return figures;
  });
}

if (isMain(import.meta.url)) await run();
