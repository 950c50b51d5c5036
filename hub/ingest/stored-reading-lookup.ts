import type { Database } from 'better-sqlite3';
import type { StoredReadingLookup } from './device-history-dedupe.js';

/** Whether the store already holds a device's reading of a metric at a device timestamp. */
export function storedReadingLookup(db: Database): StoredReadingLookup {
  const statement = db.prepare(
    'SELECT 1 FROM series JOIN sample ON sample.series_id = series.id WHERE series.device_id = ? AND series.metric = ? AND sample.ts = ? LIMIT 1',
  );
  statement.pluck();
  return (deviceId, metric, ts) => statement.get(deviceId, metric, ts) !== undefined;
}
