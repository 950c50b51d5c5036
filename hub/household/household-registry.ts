import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import { makeDeviceId } from '../../core/device-id.js';
import type { DeviceConfig, PersonConfig } from './household-config.js';
import type { PersonResolver } from '../ingest/ingest-types.js';
import { SimulatedMembers, type SimulatedIds } from './simulated-members.js';

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly birthYear?: number;
}

export interface Device {
  readonly id: string;
  readonly name?: string;
  readonly driver?: string;
  readonly personId?: string;
  readonly userSlots: Readonly<Record<string, string>>;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

/** A row of the household's `device` table as SQLite returns it. */
export interface DeviceRow {
  id: string;
  name: string | null;
  driver: string | null;
  person_id: string | null;
  user_slots: string;
  first_seen: number;
  last_seen: number;
}

const LAST_SEEN_WRITE_EVERY_MS = 60_000;

/** What removing people and devices did to the household's own tables. */
export interface HouseholdRemovalOutcome {
  readonly people: number;
  readonly devices: number;
  /** Devices that stay in the household but belonged (or had a user slot) to someone who went. */
  readonly devicesUnassigned: number;
}

/**
 * The household's people and devices, kept in SQLite and mirrored in memory so that the ingest
 * gate resolves a reading's person without touching the disk.
 */
export class HouseholdRegistry implements PersonResolver {
  private readonly devices = new Map<string, Device>();
  private readonly people = new Map<string, Person>();
  private readonly upsertDevice: Statement;
  private readonly touchDevice: Statement;
  /** Which people and devices are the simulated household's. */
  readonly simulated: SimulatedMembers;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.simulated = new SimulatedMembers(db);
    this.reload();
    this.upsertDevice = db.prepare(`
      INSERT INTO device (id, name, driver, person_id, user_slots, first_seen, last_seen)
      VALUES (@id, @name, @driver, @personId, @userSlots, @firstSeen, @lastSeen)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, driver = excluded.driver, person_id = excluded.person_id,
        user_slots = excluded.user_slots, last_seen = excluded.last_seen`);
    this.touchDevice = db.prepare('UPDATE device SET last_seen = ? WHERE id = ?');
  }

  /**
   * Makes the people and devices named in the config file exist as the file says. A device the
   * file names by its bare Bluetooth address is the Bluetooth device with that address.
   */
  applyConfig(people: readonly PersonConfig[], devices: readonly DeviceConfig[]): void {
    const now = this.clock.now();
    this.db.transaction(() => {
      for (const p of people) this.savePerson(p);
      for (const d of devices) {
        const id = makeDeviceId('given', d.id);
        const known = this.devices.get(id);
        this.saveDevice({
          id,
          ...(d.name !== undefined ? { name: d.name } : known?.name !== undefined ? { name: known.name } : {}),
          ...(known?.driver !== undefined ? { driver: known.driver } : {}),
          ...(d.personId !== undefined ? { personId: d.personId } : {}),
          userSlots: d.userSlots ?? {},
          firstSeen: known?.firstSeen ?? now,
          lastSeen: known?.lastSeen ?? now,
        });
      }
    })();
  }

  savePerson(person: Person): void {
    this.db
      .prepare(
        `INSERT INTO person (id, name, birth_year, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, birth_year = excluded.birth_year`,
      )
      .run(person.id, person.name, person.birthYear ?? null, this.clock.now());
    this.people.set(person.id, person);
  }

  /** Registers a device the first time it is seen (unassigned), or notes that it was seen again. */
  noteDeviceSeen(id: string, driver: string): Device {
    const now = this.clock.now();
    const known = this.devices.get(id);
    if (known === undefined) {
      const device: Device = { id, driver, userSlots: {}, firstSeen: now, lastSeen: now };
      this.saveDevice(device);
      return device;
    }
    if (now - known.lastSeen >= LAST_SEEN_WRITE_EVERY_MS) {
      const updated = { ...known, lastSeen: now };
      this.devices.set(id, updated);
      this.touchDevice.run(now, id);
      return updated;
    }
    return known;
  }

  assignDevice(deviceId: string, personId: string | undefined, userSlots?: Readonly<Record<string, string>>): Device {
    const device = this.devices.get(deviceId);
    if (device === undefined) throw new Error(`unknown device "${deviceId}"`);
    for (const id of [personId, ...Object.values(userSlots ?? {})]) {
      if (id !== undefined && !this.people.has(id)) throw new Error(`unknown person "${id}"`);
    }
    const { personId: _old, ...rest } = device;
    const updated: Device = { ...rest, ...(personId !== undefined ? { personId } : {}), userSlots: userSlots ?? device.userSlots };
    this.saveDevice(updated);
    return updated;
  }

  /**
   * Removes a device from the household: its readings stay in the history, but nothing it sends is
   * taken again until it is paired anew. False when there was no such device.
   */
  forgetDevice(id: string): boolean {
    if (!this.devices.has(id)) return false;
    this.db.prepare('DELETE FROM device WHERE id = ?').run(id);
    this.devices.delete(id);
    return true;
  }

  personFor(deviceId: string, userSlot?: number): string | undefined {
    const device = this.devices.get(deviceId);
    if (device === undefined) return undefined;
    if (userSlot !== undefined) {
      const slotPerson = device.userSlots[String(userSlot)];
      if (slotPerson !== undefined) return slotPerson;
      // A shared device whose slot nobody claimed: unassigned rather than guessed.
      if (Object.keys(device.userSlots).length > 0) return undefined;
    }
    return device.personId;
  }

  /**
   * Deletes the people and devices of `ids`, inside the caller's transaction. A device that stays
   * but belonged to one of those people (or gave them a user slot) is theirs no more. Memory
   * follows once the caller's transaction is over, committed or not: `reload`.
   */
  removeRows(ids: SimulatedIds): HouseholdRemovalOutcome {
    const goingPeople = new Set(ids.personIds);
    const goingDevices = new Set(ids.deviceIds);
    const deleteDevice = this.db.prepare<[string]>('DELETE FROM device WHERE id = ?');
    const deletePerson = this.db.prepare<[string]>('DELETE FROM person WHERE id = ?');
    const unassign = this.db.prepare<[string | null, string, string]>('UPDATE device SET person_id = ?, user_slots = ? WHERE id = ?');
    return this.db.transaction(() => {
      let devices = 0;
      let devicesUnassigned = 0;
      let people = 0;
      for (const id of goingDevices) devices += deleteDevice.run(id).changes;
      for (const device of this.devices.values()) {
        if (goingDevices.has(device.id)) continue;
        const slots = Object.entries(device.userSlots).filter(([, personId]) => !goingPeople.has(personId));
        const ownerGoes = device.personId !== undefined && goingPeople.has(device.personId);
        if (!ownerGoes && slots.length === Object.keys(device.userSlots).length) continue;
        unassign.run(ownerGoes ? null : (device.personId ?? null), JSON.stringify(Object.fromEntries(slots)), device.id);
        devicesUnassigned++;
      }
      for (const id of goingPeople) people += deletePerson.run(id).changes;
      return { people, devices, devicesUnassigned };
    })();
  }

  /** Reads the people and devices again from the database (after a removal, committed or rolled back). */
  reload(): void {
    this.people.clear();
    this.devices.clear();
    for (const row of this.db.prepare('SELECT id, name, birth_year FROM person').all() as { id: string; name: string; birth_year: number | null }[]) {
      this.people.set(row.id, { id: row.id, name: row.name, ...(row.birth_year !== null ? { birthYear: row.birth_year } : {}) });
    }
    for (const row of this.db.prepare('SELECT * FROM device').all() as DeviceRow[]) this.devices.set(row.id, fromRow(row));
  }

  listPeople(): Person[] {
    return [...this.people.values()];
  }

  listDevices(): Device[] {
    return [...this.devices.values()];
  }

  device(id: string): Device | undefined {
    return this.devices.get(id);
  }

  private saveDevice(device: Device): void {
    this.upsertDevice.run({
      id: device.id,
      name: device.name ?? null,
      driver: device.driver ?? null,
      personId: device.personId ?? null,
      userSlots: JSON.stringify(device.userSlots),
      firstSeen: device.firstSeen,
      lastSeen: device.lastSeen,
    });
    this.devices.set(device.id, device);
  }
}

function fromRow(row: DeviceRow): Device {
  return {
    id: row.id,
    ...(row.name !== null ? { name: row.name } : {}),
    ...(row.driver !== null ? { driver: row.driver } : {}),
    ...(row.person_id !== null ? { personId: row.person_id } : {}),
    userSlots: JSON.parse(row.user_slots) as Record<string, string>,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}
