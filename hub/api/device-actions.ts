import { canAssignTo, canManageDevice, canSeeDevice } from '../accounts/access.js';
import type { Principal } from '../accounts/principal.js';
import type { Device } from '../household/household-registry.js';
import { ApiError } from '../http/api-error.js';
import type { ApiDeps } from './api-deps.js';
import type { DeviceSummary } from './contract/devices.js';

export interface DeviceChange {
  readonly name?: string;
  /** null takes the device from its person. */
  readonly personId?: string | null;
  readonly userSlots?: Readonly<Record<string, string>>;
}

export const deviceNotFound = (): ApiError => new ApiError(404, 'device_not_found', 'no such device, or you may not see it');

/** The device if the principal may change it; a hidden device answers like a missing one. */
export function manageableDevice(deps: ApiDeps, principal: Principal, id: string): Device {
  const device = deps.registry.device(id);
  if (device === undefined || !canSeeDevice(principal, device)) throw deviceNotFound();
  if (!canManageDevice(principal, device)) throw new ApiError(403, 'forbidden', 'you may not change this device');
  return device;
}

/** Rename and (re)assign a device: the same checks for REST and GraphQL. */
export function changeDevice(deps: ApiDeps, principal: Principal, id: string, change: DeviceChange): DeviceSummary {
  const { registry, household } = deps;
  const device = manageableDevice(deps, principal, id);
  const { name, personId, userSlots } = change;
  const targets = [...(typeof personId === 'string' ? [personId] : []), ...Object.values(userSlots ?? {})];
  for (const target of targets) {
    if (household.person(target) === undefined) throw new ApiError(400, 'unknown_person', `there is no person "${target}"`);
    if (!canAssignTo(principal, target)) throw new ApiError(403, 'forbidden', 'you may assign devices only to yourself');
  }
  let updated = device;
  if (personId !== undefined || userSlots !== undefined) {
    const nextPerson = personId === undefined ? device.personId : (personId ?? undefined);
    updated = registry.assignDevice(device.id, nextPerson, userSlots ?? device.userSlots);
  }
  if (name !== undefined) {
    // The registry renames through the same path the config file uses.
    registry.applyConfig([], [{ id: updated.id, name, ...(updated.personId !== undefined ? { personId: updated.personId } : {}), userSlots: updated.userSlots }]);
    updated = registry.device(updated.id) ?? updated;
  }
  deps.log.info({ deviceId: device.id }, 'device changed');
  return household.deviceSummary(updated);
}
