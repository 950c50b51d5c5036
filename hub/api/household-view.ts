import { canReadPerson, canSeeDevice } from '../accounts/access.js';
import type { Principal } from '../accounts/principal.js';
import { isHubDeviceId } from '../../core/device-id.js';
import type { Device, HouseholdRegistry, Person } from '../household/household-registry.js';
import type { AlertsView } from '../services/alerts-service.js';
import type { ServiceSlot } from '../services/service-slot.js';
import type { Store } from '../store/index.js';
import type { DeviceSummary } from './contract/devices.js';
import type { LatestValue, PersonDeviceSummary, PersonSummary } from './contract/people.js';
import { deviceKind } from './device-kinds.js';
import { normalRanges } from './normal-ranges.js';

/**
 * People and devices as the API shows them, filtered by what the asker may see. The models'
 * derived readings and the journals' entries belong to no device of the household's, so the hub's
 * own `hub:` devices are never listed. A person's normal ranges come from the alert rules as they apply to them (while the
 * alerts engine runs) and the catalogue's usual ranges.
 */
export class HouseholdView {
  constructor(
    private readonly registry: HouseholdRegistry,
    private readonly store: Store,
    private readonly alerts: ServiceSlot<AlertsView>,
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
    const metrics = this.metricsByDevice();
    const devices = this.householdDevices()
      .filter((d) => d.personId === person.id || Object.values(d.userSlots).includes(person.id))
      .map((d): PersonDeviceSummary => {
        const { id, name, kind, battery, lastSeen, lastReadingAt } = this.deviceSummary(d, metrics);
        return { id, name, kind, battery, lastSeen, lastReadingAt };
      });
    const ranges = normalRanges(Object.keys(latest), this.alerts.current()?.lines(person.id) ?? []);
    return { id: person.id, name: person.name, latest, ranges, devices };
  }

  visibleDevices(principal: Principal): DeviceSummary[] {
    const metrics = this.metricsByDevice();
    return this.householdDevices()
      .filter((d) => canSeeDevice(principal, d))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((d) => this.deviceSummary(d, metrics));
  }

  deviceSummary(device: Device, metrics = this.metricsByDevice()): DeviceSummary {
    return {
      id: device.id,
      name: device.name ?? null,
      driver: device.driver ?? null,
      kind: deviceKind(device.driver),
      personId: device.personId ?? null,
      userSlots: device.userSlots,
      battery: this.store.query.latestDeviceValue(device.id, 'battery')?.value ?? null,
      firstSeen: device.firstSeen,
      lastSeen: device.lastSeen,
      lastReadingAt: this.lastReadingAt(device.id, metrics.get(device.id) ?? []),
    };
  }

  private householdDevices(): Device[] {
    return this.registry.listDevices().filter((d) => !isHubDeviceId(d.id));
  }

  /** The metrics each device has series of (one small table scan for a whole list). */
  private metricsByDevice(): Map<string, string[]> {
    const byDevice = new Map<string, string[]>();
    for (const series of this.store.query.seriesList()) {
      const known = byDevice.get(series.deviceId);
      if (known === undefined) byDevice.set(series.deviceId, [series.metric]);
      else if (!known.includes(series.metric)) known.push(series.metric);
    }
    return byDevice;
  }

  /** The newest reading of any of the device's metrics (battery levels included: they are readings too). */
  private lastReadingAt(deviceId: string, metrics: readonly string[]): number | null {
    let newest: number | null = null;
    for (const metric of metrics) {
      const ts = this.store.query.latestDeviceValue(deviceId, metric)?.ts;
      if (ts !== undefined && (newest === null || ts > newest)) newest = ts;
    }
    return newest;
  }
}
