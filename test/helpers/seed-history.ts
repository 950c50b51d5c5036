import { join } from 'node:path';
import type { Reading } from '../../core/reading.js';
import { DATABASE_FILE } from '../../hub/store/database-file.js';
import { Store } from '../../hub/store/index.js';

export interface HeartRateHistory {
  readonly personId: string;
  readonly deviceId: string;
  /** The history ends here (exclusive): the live household takes over from this time. */
  readonly end: number;
  readonly days: number;
  /** Time between readings. */
  readonly stepMs: number;
  /** Periods without readings, [from, to): a strap left in a drawer. */
  readonly gaps?: readonly (readonly [number, number])[];
}

/**
 * Writes a person's heart-rate history straight into a data directory's store, before a hub is
 * started on it, so a test can chart a month without waiting a month. Values follow a day-night
 * rhythm so zoomed charts show something a person would recognise.
 */
export async function seedHeartRateHistory(dataDir: string, history: HeartRateHistory): Promise<number> {
  const store = new Store({ path: join(dataDir, DATABASE_FILE) });
  await store.start();
  let written = 0;
  try {
    const start = history.end - history.days * 86_400_000;
    for (let ts = start - (start % history.stepMs); ts < history.end; ts += history.stepMs) {
      if (history.gaps?.some(([from, to]) => ts >= from && ts < to) === true) continue;
      const hourOfDay = (ts / 3_600_000) % 24;
      const value = Math.round(66 + 9 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI) + 4 * Math.sin(ts / 97_000));
      const reading: Reading = { metric: 'heart_rate', value, unit: 'bpm', ts, deviceId: history.deviceId, personId: history.personId, tsSource: 'device' };
      store.writer.write(reading);
      written++;
    }
    // Synchronous: the writer's own timer does not keep a test process alive on its own.
    if (!store.writer.flush()) throw new Error(`the seeded history could not be written: ${store.writer.stats().lastError ?? 'unknown error'}`);
  } finally {
    await store.stop();
  }
  return written;
}

export interface SeededNight {
  readonly personId: string;
  readonly strapId: string;
  readonly oximeterId: string;
  /** Falling asleep and waking; the day before is seeded too, so the night stands out from it. */
  readonly asleep: number;
  readonly awake: number;
  /** A fall of 4 % for 20 s every this many minutes of the night. */
  readonly dipEveryMinutes: number;
  /** The strap's beats through the night, seconds from falling asleep, when it gave RR. */
  readonly beats?: readonly { readonly t: number; readonly rrMs: number }[];
}

/**
 * Writes a night into a data directory's store: a strap's heart rate each minute from 16 h before
 * sleep (an ordinary day, 64–94 bpm) through the night (50–56 bpm), and an oximeter's SpO2 each
 * second through the night at 95 % with a 4 % dip every few minutes; and the strap's RR when given.
 */
export async function seedNight(dataDir: string, night: SeededNight): Promise<void> {
  const store = new Store({ path: join(dataDir, DATABASE_FILE) });
  await store.start();
  try {
    const write = (deviceId: string, metric: Reading['metric'], unit: string, value: number, ts: number): void =>
      store.writer.write({ metric, value, unit, ts, deviceId, personId: night.personId, tsSource: 'device' });
    for (let ts = night.asleep - 16 * 3_600_000, i = 0; ts < night.awake; ts += 60_000, i++) {
      const asleep = ts >= night.asleep;
      write(night.strapId, 'heart_rate', 'bpm', asleep ? 50 + (i % 7) : 64 + ((i * 37) % 31), ts);
    }
    const cycle = night.dipEveryMinutes * 60_000;
    for (let ts = night.asleep; ts < night.awake; ts += 1000) {
      const into = (ts - night.asleep) % cycle;
      write(night.oximeterId, 'spo2', '%', into >= cycle / 2 && into < cycle / 2 + 20_000 ? 91 : 95, ts);
    }
    for (const beat of night.beats ?? []) {
      const ts = night.asleep + Math.round(beat.t * 1000);
      if (ts < night.awake && beat.rrMs >= 250 && beat.rrMs <= 3000) write(night.strapId, 'rr_interval', 'ms', beat.rrMs, ts);
    }
    if (!store.writer.flush()) throw new Error(`the seeded night could not be written: ${store.writer.stats().lastError ?? 'unknown error'}`);
  } finally {
    await store.stop();
  }
}
