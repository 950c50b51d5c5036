import type { Device } from '../household/household-registry.js';
import type { Principal } from './principal.js';
import type { TokenScope } from './roles.js';

/**
 * The one place that says who may see and change what. REST, GraphQL, the live socket and exports
 * all ask here, so that a rule changed once holds everywhere.
 */

export function hasScope(principal: Principal, scope: TokenScope): boolean {
  return principal.scopes.includes(scope);
}

/** Whether the principal may read this person's readings, devices and alerts. */
export function canReadPerson(principal: Principal, personId: string): boolean {
  if (!hasScope(principal, 'read')) return false;
  if (principal.tokenPersonIds !== undefined && !principal.tokenPersonIds.includes(personId)) return false;
  const { user } = principal;
  switch (user.role) {
    case 'owner':
      return true;
    case 'member':
      return user.personId === personId;
    case 'caregiver':
    case 'viewer':
      return user.grants.includes(personId);
  }
}

/** Readings not assigned to anyone may belong to anybody: only the owner sees them. */
export function canReadUnassigned(principal: Principal): boolean {
  return principal.user.role === 'owner' && hasScope(principal, 'read') && principal.tokenPersonIds === undefined;
}

/** Of `personIds`, the ones the principal may read. */
export function readablePeople(principal: Principal, personIds: Iterable<string>): string[] {
  return [...personIds].filter((id) => canReadPerson(principal, id));
}

export function canReadReading(principal: Principal, reading: { readonly personId?: string }): boolean {
  return reading.personId === undefined ? canReadUnassigned(principal) : canReadPerson(principal, reading.personId);
}

/** Owner and member change their household's or their own things; caregivers and viewers only read. */
export function canWrite(principal: Principal): boolean {
  return hasScope(principal, 'write') && (principal.user.role === 'owner' || principal.user.role === 'member');
}

/** Users, tokens and settings: the owner, logged in or with an admin-scoped token. */
export function canAdminister(principal: Principal): boolean {
  return principal.user.role === 'owner' && hasScope(principal, 'admin');
}

function devicePeople(device: Device): string[] {
  const people = new Set(Object.values(device.userSlots));
  if (device.personId !== undefined) people.add(device.personId);
  return [...people];
}

/** Devices of people the principal may read; unassigned devices for those who may claim them. */
export function canSeeDevice(principal: Principal, device: Device): boolean {
  const people = devicePeople(device);
  if (people.length === 0) return canReadUnassigned(principal) || (principal.user.role === 'member' && hasScope(principal, 'read'));
  return people.some((id) => canReadPerson(principal, id));
}

/** Rename, reassign or forget: the owner any device; a member their own or an unassigned one. */
export function canManageDevice(principal: Principal, device: Device): boolean {
  if (!canWrite(principal)) return false;
  if (principal.user.role === 'owner') return true;
  const people = devicePeople(device);
  return people.length === 0 || people.every((id) => id === principal.user.personId);
}

/** Whom a device may be given to by this principal: the owner anyone; a member only themselves. */
export function canAssignTo(principal: Principal, personId: string): boolean {
  if (principal.user.role === 'owner') return true;
  return principal.user.role === 'member' && principal.user.personId === personId;
}

/** Acknowledging an alert about a person: anyone who reads them, except viewers. */
export function canAcknowledgeFor(principal: Principal, personId: string | undefined): boolean {
  if (principal.user.role === 'viewer' || !hasScope(principal, 'write')) return false;
  return personId === undefined ? principal.user.role === 'owner' : canReadPerson(principal, personId);
}
