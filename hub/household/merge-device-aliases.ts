import type { Database } from 'better-sqlite3';
import { makeDeviceId } from '../../core/device-id.js';
import { mergeDeviceSeries, seriesDeviceIds } from '../store/device-series-merge.js';
import type { DeviceRow } from './household-registry.js';


/**
 * Schema step: one device known under two ids becomes one. Before device ids were made in one place,
 * a Bluetooth device relayed by an ESP32 gateway was `AA:BB:CC:DD:EE:FF` and the same device heard by
 * the radio `ble:aa:bb:cc:dd:ee:ff`; hearth.yaml could name one by its bare address too. Every such id
 * is folded into the id `makeDeviceId` gives it: the household's device row and the store's series,
 * so that readings, rollups, waveforms and duplicate checks all continue under the one id.
 */
export function mergeDeviceAliases(db: Database): void {
  const ids = new Set<string>([
    ...(db.prepare('SELECT id FROM device').pluck().all() as string[]),
    ...seriesDeviceIds(db),
  ]);
  for (const id of [...ids].sort()) {
    const canonical = makeDeviceId('given', id);
    if (canonical === id) continue;
    mergeDeviceRow(db, id, canonical);
    mergeDeviceSeries(db, id, canonical);
  }
}

/**
 * The row under the kept id keeps what it says; what it leaves unsaid (name, person, user slots)
 * comes from the other, and the device was first seen when either id was first seen.
 */
function mergeDeviceRow(db: Database, from: string, to: string): void {
  const select = db.prepare<[string], DeviceRow>('SELECT * FROM device WHERE id = ?');
  const alias = select.get(from);
  if (alias === undefined) return;
  const kept = select.get(to);
  if (kept === undefined) {
    db.prepare('UPDATE device SET id = ? WHERE id = ?').run(to, from);
    return;
  }
  db.prepare(
    `UPDATE device SET name = ?, driver = ?, person_id = ?, user_slots = ?, first_seen = ?, last_seen = ? WHERE id = ?`,
  ).run(
    kept.name ?? alias.name,
    kept.driver ?? alias.driver,
    kept.person_id ?? alias.person_id,
    hasSlots(kept.user_slots) ? kept.user_slots : alias.user_slots,
    Math.min(kept.first_seen, alias.first_seen),
    Math.max(kept.last_seen, alias.last_seen),
    to,
  );
  db.prepare('DELETE FROM device WHERE id = ?').run(from);
}

function hasSlots(json: string): boolean {
  try {
    const slots: unknown = JSON.parse(json);
    return typeof slots === 'object' && slots !== null && Object.keys(slots).length > 0;
  } catch {
    return false;
  }
}
