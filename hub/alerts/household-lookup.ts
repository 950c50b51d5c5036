import type { HouseholdRegistry } from '../household/household-registry.js';
import type { HouseholdLookup } from './rule-evaluator.js';

/** The household registry as the rules read it. */
export function householdLookup(registry: HouseholdRegistry): HouseholdLookup {
  return {
    personName: (personId) => registry.listPeople().find((p) => p.id === personId)?.name,
    deviceName: (deviceId) => registry.device(deviceId)?.name,
    personOfDevice: (deviceId) => registry.device(deviceId)?.personId,
    personalDevices: () =>
      registry.listDevices().flatMap((d) => (d.personId === undefined ? [] : [{ id: d.id, personId: d.personId, lastSeen: d.lastSeen }])),
  };
}
