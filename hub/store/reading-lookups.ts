import type { Db } from './database.js';
import type { TimedValue } from './types.js';

/** Single-reading lookups by device, each one index probe: cheap enough for the ingest path. */
export class ReadingLookups {
  private readonly deviceReadingAt;
  private readonly newestDeviceValue;
  private readonly newestDeviceValueByPerson;

  constructor(db: Db) {
    // Any person's series: a device's history re-sent after its owner changed is still a duplicate.
    this.deviceReadingAt = db
      .prepare<[string, string, number], 1>('SELECT 1 FROM series JOIN sample ON sample.series_id = series.id WHERE series.device_id = ? AND series.metric = ? AND sample.ts = ? LIMIT 1')
      .pluck();
    this.newestDeviceValue = db.prepare<[string, string], TimedValue>(`
      SELECT x.value, x.ts FROM series s JOIN sample x ON x.series_id = s.id
      WHERE s.device_id = ? AND s.metric = ? ORDER BY x.ts DESC LIMIT 1`);
    this.newestDeviceValueByPerson = db.prepare<[string, string], TimedValue & { person_id: string }>(`
      SELECT s.person_id, x.value, x.ts FROM series s JOIN sample x ON x.series_id = s.id
      AND x.ts = (SELECT max(ts) FROM sample WHERE series_id = s.id)
      WHERE s.device_id = ? AND s.metric = ?`);
  }

  /** Whether a device's reading of a metric at exactly `ts` is kept. */
  hasDeviceReading(deviceId: string, metric: string, ts: number): boolean {
    return this.deviceReadingAt.get(deviceId, metric, ts) !== undefined;
  }

  /**
   * The newest kept reading of a device's metric for each person it was assigned to ('' for
   * readings of no one): a shared or reassigned device's readings are each person's own.
   */
  latestDeviceValuesByPerson(deviceId: string, metric: string): (TimedValue & { readonly personId: string })[] {
    return this.newestDeviceValueByPerson.all(deviceId, metric).map((row) => ({ personId: row.person_id, value: row.value, ts: row.ts }));
  }

  /** The newest kept reading of a device's metric, whoever it was assigned to. */
  latestDeviceValue(deviceId: string, metric: string): TimedValue | undefined {
    return this.newestDeviceValue.get(deviceId, metric);
  }
}
