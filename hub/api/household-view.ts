import { canReadPerson, canSeeDevice } from '../accounts/access.js';
import type { Principal } from '../accounts/principal.js';
import type { Device, HouseholdRegistry, Person } from '../household/household-registry.js';
import type { Store } from '../store/index.js';
import type { DeviceSummary } from './contract/devices.js';
import type { LatestValue, PersonSummary } from './contract/people.js';

/** People and devices as the API shows them, filtered by what the asker may see. */
export class HouseholdView {
  constructor(
    private readonly registry: HouseholdRegistry,
    private readonly store: Store,
  ) {}

  person(id: string): Person | undefined {
    return this.registry.listPeople().find((p) => p.id === id);
  }

  visiblePeople(principal: Principal): Person[] {
    return this.registry
      .listPeople()
      .filter((p) => canReadPerson(principal, p.id))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  personSummary(person: Person): PersonSummary {
    const latest: Record<string, LatestValue> = {};
    for (const reading of this.store.query.latest(person.id)) latest[reading.metric] = { value: reading.value, unit: reading.unit, ts: reading.ts };
    const devices = this.registry
      .listDevices()
      .filter((d) => d.personId === person.id || Object.values(d.userSlots).includes(person.id))
      .map((d) => {
        const { id, name, battery, lastSeen } = this.deviceSummary(d);
        return { id, name, battery, lastSeen };
      });
    return { id: person.id, name: person.name, latest, devices };
  }

  visibleDevices(principal: Principal): DeviceSummary[] {
    return this.registry
      .listDevices()
      .filter((d) => canSeeDevice(principal, d))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((d) => this.deviceSummary(d));
  }

  deviceSummary(device: Device): DeviceSummary {
    return {
      id: device.id,
      name: device.name ?? null,
      driver: device.driver ?? null,
      personId: device.personId ?? null,
      userSlots: device.userSlots,
      battery: this.store.query.latestDeviceValue(device.id, 'battery')?.value ?? null,
      firstSeen: device.firstSeen,
      lastSeen: device.lastSeen,
    };
  }
}
