import type { StoreQuery } from '../store/index.js';
import type { StoredReadingLookup } from './device-history-dedupe.js';

/** Whether the store already holds a device's reading of a metric at a device timestamp. */
export function storedReadingLookup(store: StoreQuery): StoredReadingLookup {
  return (deviceId, metric, ts) => store.hasDeviceReading(deviceId, metric, ts);
}
