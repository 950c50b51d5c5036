/**
 * CPU cost of breathing-disorder screening for one person's night: the apnea-rr features and the
 * ONNX run over every minute of an 8-hour night of RR intervals from the Apnea-ECG data, against
 * the features alone and against the AF model screening the same night's beats (60-beat windows),
 * measured in the same run; and the whole of what the hub does each night, reading the night's RR
 * back from a SQLite store first (night-breathing.ts).
 *
 *   node dist/bench/apnea-inference.js [--data ../shared/data]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listApneaEcgRecords, readApneaEcgRecord } from '../hub/apps/sleeporacle/apnea-ecg-folder.js';
import { apneaMinuteFeatures } from '../hub/apps/sleeporacle/apnea-features.js';
import { ApneaScreening } from '../hub/apps/sleeporacle/apnea-screening.js';
import { screenNightBreathing } from '../hub/apps/sleeporacle/night-breathing.js';
import type { RrBeat } from '../hub/apps/sleeporacle/night-rr-cleaning.js';
import { Store } from '../hub/store/index.js';
import { AfScreening } from '../hub/inference/af-screening.js';
import { loadModels, releaseModels } from '../hub/inference/model-registry.js';
import { isMain, printTable } from './lib/bench-env.js';

const NIGHT_MINUTES = 8 * 60;
/** Nights of different people, from normal to severe. */
const RECORDS = ['c02', 'b05', 'x09', 'a03'];
const RUNS = 5;

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

function dataDir(): string {
  const at = process.argv.indexOf('--data');
  return at === -1 ? (process.env.HEARTH_SHARED_DATA ?? resolve(root, '../shared/data')) : (process.argv[at + 1] ?? '');
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Median CPU ms of `RUNS` calls after one warm-up. */
async function medianCpuMs(body: () => Promise<unknown>): Promise<number> {
  await body();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = cpuMs();
    await body();
    times.push(cpuMs() - before);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export interface ApneaInferenceFigures {
  readonly record: string;
  readonly beats: number;
  readonly featuresMs: number;
  /** The ONNX run alone, over the night's precomputed features. */
  readonly modelMs: number;
  readonly featuresAndModelMs: number;
  readonly afWindowsMs: number;
  readonly afWindows: number;
  /** The night read back from the store, then screened, as the hub does. */
  readonly fromStoreMs: number;
}

const NIGHT_START = Date.UTC(2026, 10, 30, 22);

/** A store holding one night of a strap's RR for 'alex', in a directory of its own. */
async function storeWithNight(night: readonly RrBeat[]): Promise<{ store: Store; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-apnea-'));
  const store = new Store({ path: join(dir, 'hearth.db') });
  await store.start();
  for (const beat of night) {
    if (beat.rrMs < 250 || beat.rrMs > 3000) continue;
    store.writer.write({ metric: 'rr_interval', value: beat.rrMs, unit: 'ms', ts: NIGHT_START + Math.round(beat.t * 1000), deviceId: 'ble:bench-strap', personId: 'alex', tsSource: 'hub' });
  }
  if (!store.writer.flush()) throw new Error('the bench night could not be stored');
  return {
    store,
    close: async () => {
      await store.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run(): Promise<ApneaInferenceFigures[]> {
  const folder = join(dataDir(), 'apnea-ecg');
  const registry = await loadModels(join(root, 'models'), { info: () => undefined, warn: (m) => console.log(m) });
  try {
    const apnea = ApneaScreening.fromRegistry(registry);
    const af = await AfScreening.fromRegistry(registry);
    if (apnea === undefined || af === undefined) throw new Error('a shipped model did not load');
    const infos = (await listApneaEcgRecords(folder)).filter((r) => RECORDS.includes(r.record));
    const figures: ApneaInferenceFigures[] = [];
    for (const info of infos) {
      const record = await readApneaEcgRecord(folder, info);
      const night: RrBeat[] = record.beats.filter((b) => b.t < NIGHT_MINUTES * 60);
      const rr = night.map((b) => b.rrMs);
      const windows: number[][] = [];
      for (let start = 0; start + af.windowBeats <= rr.length; start += af.windowBeats) windows.push(rr.slice(start, start + af.windowBeats));
      const features = apneaMinuteFeatures(night, NIGHT_MINUTES)
        .filter((m) => m.valid)
        .map((m) => m.features);
      const stored = await storeWithNight(night);
      const span = { start: NIGHT_START, end: NIGHT_START + NIGHT_MINUTES * 60_000 };
      let fromStoreMs: number;
      try {
        fromStoreMs = await medianCpuMs(() => screenNightBreathing(stored.store.query, apnea, 'alex', span));
      } finally {
        await stored.close();
      }
      figures.push({
        record: info.record,
        beats: night.length,
        featuresMs: await medianCpuMs(() => Promise.resolve(apneaMinuteFeatures(night, NIGHT_MINUTES))),
        modelMs: await medianCpuMs(() => apnea.probabilities(features)),
        featuresAndModelMs: await medianCpuMs(() => apnea.scoreNight(night, NIGHT_MINUTES)),
        afWindowsMs: await medianCpuMs(async () => {
          for (const w of windows) await af.scoreRrWindow(w);
        }),
        afWindows: windows.length,
        fromStoreMs,
      });
    }
    printTable(
      `apnea-rr, one person's ${NIGHT_MINUTES / 60} h night (${NIGHT_MINUTES} minutes), median CPU of ${RUNS} runs`,
      figures.map((f) => [
        `${f.record} (${f.beats} beats)`,
        `features ${f.featuresMs.toFixed(0)} ms, ONNX ${f.modelMs.toFixed(1)} ms, features + ONNX + night estimate ${f.featuresAndModelMs.toFixed(0)} ms, ` +
          `read from the store and screened ${f.fromStoreMs.toFixed(0)} ms; ` +
          `baseline: af-rr on the same beats (${f.afWindows} windows) ${f.afWindowsMs.toFixed(0)} ms`,
      ]),
    );
    return figures;
  } finally {
    await releaseModels(registry);
  }
}

if (isMain(import.meta.url)) await run();
