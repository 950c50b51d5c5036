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
