import type { Database } from 'better-sqlite3';
import type { GlucoseSequences } from '../../drivers/ble/runtime/glucose-sequences.js';

/** Schema steps of the BLE source's own tables, run under the `ble` part's name. */
export const bleMigrations: readonly ((db: Database) => void)[] = [
  (db) => {
    db.exec(`
      CREATE TABLE ble_glucose_sequence (
        device_id TEXT PRIMARY KEY,
        last_sequence INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
];

/** Each meter's last downloaded record, kept in the hub's database across restarts; it never goes back. */
export class SqliteGlucoseSequences implements GlucoseSequences {
  constructor(private readonly db: Database) {}

  last(deviceId: string): number | undefined {
    const row = this.db.prepare<[string], { last_sequence: number }>('SELECT last_sequence FROM ble_glucose_sequence WHERE device_id = ?').get(deviceId);
    return row?.last_sequence;
  }

  save(deviceId: string, sequence: number, at: number): void {
    this.db
      .prepare(
        `INSERT INTO ble_glucose_sequence (device_id, last_sequence, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(device_id) DO UPDATE SET last_sequence = MAX(last_sequence, excluded.last_sequence), updated_at = excluded.updated_at`,
      )
      .run(deviceId, sequence, at);
  }
}
