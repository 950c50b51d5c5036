import type { Reading } from '../../core/reading.js';
import { Store } from '../../hub/store/store.js';
import { gaussian, seededRandom } from './bench-env.js';

export const BENCH_T0 = Date.UTC(2025, 0, 1);

/** Heart rate once a second: a slow daily rhythm plus noise, as a chest strap worn all day. */
export function* heartRateAt1Hz(seconds: number, deviceId = 'strap', seed = 1): Generator<Reading> {
  const random = seededRandom(seed);
  for (let i = 0; i < seconds; i++) {
    const circadian = 10 * Math.sin((2 * Math.PI * i) / 86_400);
    yield { metric: 'heart_rate', unit: 'bpm', value: Math.round(65 + circadian + 4 * gaussian(random)), ts: BENCH_T0 + i * 1000, deviceId, personId: 'alice', tsSource: 'device' };
  }
}

export async function openBenchStore(path: string): Promise<Store> {
  const store = new Store({ path, onCorrupt: 'fail' });
  await store.start();
  return store;
}

/** Writes through the store's writer in full batches, as fast as it goes. */
export function writeAll(store: Store, readings: Iterable<Reading>): number {
  let n = 0;
  for (const reading of readings) {
    store.writer.write(reading);
    if (++n % 5000 === 0) store.writer.flush();
  }
  store.writer.flush();
  return n;
}

/** Bytes the main file holds once the log is folded in. */
export function databaseBytes(store: Store): number {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = store.db.pragma('page_count', { simple: true }) as number;
  const pageSize = store.db.pragma('page_size', { simple: true }) as number;
  return pages * pageSize;
}
