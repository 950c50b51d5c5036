import type { Db } from './database.js';
import { DEVICE_EVENT_KINDS, type DeviceEvent, type DeviceEventKind, type NewestFirst, type NewestFirstRequest } from './types.js';

/**
 * The newest events kept per device, whatever their age: a device whose link flaps every few
 * minutes cannot grow the table without bound. Retention removes what is older than the raw days.
 */
export const MAX_EVENTS_PER_DEVICE = 1000;

interface EventRow {
  device_id: string;
  ts: number;
  kind: string;
}

function isKind(kind: string): kind is DeviceEventKind {
  return (DEVICE_EVENT_KINDS as readonly string[]).includes(kind);
}

/**
 * Each device's history of connections and availability, in the store's `device_event` table.
 * An event is written at once, in its own small transaction: they come minutes apart at most, and
 * one that happened just before a power cut is the one someone will look for.
 */
export class DeviceEventLog {
  private readonly insert;
  private readonly nthNewest;
  private readonly trim;
  private readonly page;

  constructor(
    db: Db,
    private readonly maxPerDevice = MAX_EVENTS_PER_DEVICE,
  ) {
    this.insert = db.prepare<[string, number, string]>('INSERT INTO device_event (device_id, ts, kind) VALUES (?, ?, ?)');
    this.nthNewest = db.prepare<[string, number], { ts: number }>('SELECT ts FROM device_event WHERE device_id = ? ORDER BY ts DESC LIMIT 1 OFFSET ?');
    this.trim = db.prepare<[string, number]>('DELETE FROM device_event WHERE device_id = ? AND ts < ?');
    // The devices come as a JSON list: one statement, prepared once, for any number of them.
    this.page = db.prepare<[string, number, number], EventRow>(
      'SELECT device_id, ts, kind FROM device_event WHERE device_id IN (SELECT value FROM json_each(?)) AND ts < ? ORDER BY ts DESC, id DESC LIMIT ?',
    );
  }

  record(event: DeviceEvent): void {
    this.insert.run(event.deviceId, event.ts, event.kind);
    const oldestKept = this.nthNewest.get(event.deviceId, this.maxPerDevice - 1)?.ts;
    if (oldestKept !== undefined) this.trim.run(event.deviceId, oldestKept);
  }

  /** The devices' events before `before`, newest first. */
  newestFirst(deviceIds: readonly string[], request: NewestFirstRequest): NewestFirst<DeviceEvent> {
    if (deviceIds.length === 0) return { items: [], floor: null };
    const rows = this.page.all(JSON.stringify(deviceIds), request.before, request.limit);
    const items = rows.flatMap((row): DeviceEvent[] => (isKind(row.kind) ? [{ deviceId: row.device_id, ts: row.ts, kind: row.kind }] : []));
    const last = rows[rows.length - 1];
    return { items, floor: rows.length >= request.limit && last !== undefined ? last.ts : null };
  }
}
