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

/** Whether a token limited to some people includes this one (a login session reaches everyone its user does). */
export function withinTokenPeople(principal: Principal, personId: string): boolean {
  return principal.tokenPersonIds === undefined || principal.tokenPersonIds.includes(personId);
}

/** Whether the principal may read this person's readings, devices and alerts. */
export function canReadPerson(principal: Principal, personId: string): boolean {
  if (!hasScope(principal, 'read')) return false;
  if (!withinTokenPeople(principal, personId)) return false;
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

/** A person's goals: set by the owner for anyone it reaches, and by a member for themselves. */
export function canSetGoalsFor(principal: Principal, personId: string): boolean {
  return canWrite(principal) && canReadPerson(principal, personId) && canAssignTo(principal, personId);
}

/**
 * A food and drink journal names what a person ate: personal text, read by the owner and the
 * person themselves; a caregiver or viewer granted the person sees the intake only as readings.
 */
export function canReadJournalOf(principal: Principal, personId: string): boolean {
  const { role } = principal.user;
  return canReadPerson(principal, personId) && (role === 'owner' || role === 'member');
}

/** A journal is written by the person (a member for themselves) or by the owner for anyone. */
export function canKeepJournalFor(principal: Principal, personId: string): boolean {
  return canSetGoalsFor(principal, personId);
}

/**
 * A household challenge's board (shares of a goal, no readings): those who may read everyone in it,
 * and a member taking part, who sees the others' shares but none of their readings.
 */
export function canSeeChallenge(principal: Principal, personIds: readonly string[]): boolean {
  if (personIds.every((id) => canReadPerson(principal, id))) return true;
  const { user } = principal;
  return user.role === 'member' && hasScope(principal, 'read') && user.personId !== undefined && personIds.includes(user.personId) && personIds.every((id) => withinTokenPeople(principal, id));
}

/** Challenges are the household's: set and ended by the owner, for people it reaches. */
export function canSetChallenges(principal: Principal, personIds: readonly string[]): boolean {
  return canWrite(principal) && principal.user.role === 'owner' && personIds.every((id) => canReadPerson(principal, id));
}

/** Users, tokens and settings: the owner, logged in or with an admin-scoped token. */
export function canAdminister(principal: Principal): boolean {
  return principal.user.role === 'owner' && hasScope(principal, 'admin');
}

/** What concerns the whole household (its settings, the backup passphrase, what left the box): not through a token limited to people. */
export function canAdministerHousehold(principal: Principal): boolean {
  return canAdminister(principal) && principal.tokenPersonIds === undefined;
}

function devicePeople(device: Device): string[] {
  const people = new Set(Object.values(device.userSlots));
  if (device.personId !== undefined) people.add(device.personId);
  return [...people];
}

/** Devices that belong to nobody: the owner and members see them (to claim them), but not through a token limited to people. */
function reachesUnassignedDevices(principal: Principal): boolean {
  return (principal.user.role === 'owner' || principal.user.role === 'member') && principal.tokenPersonIds === undefined;
}

/** Devices of people the principal may read; unassigned devices for those who may claim them. */
export function canSeeDevice(principal: Principal, device: Device): boolean {
  const people = devicePeople(device);
  if (people.length === 0) return reachesUnassignedDevices(principal) && hasScope(principal, 'read');
  return people.some((id) => canReadPerson(principal, id));
}

/**
 * Rename, reassign or forget: the owner any device, a member their own or an unassigned one; a
 * shared device only by someone who reaches everyone it belongs to.
 */
export function canManageDevice(principal: Principal, device: Device): boolean {
  if (!canWrite(principal)) return false;
  const people = devicePeople(device);
  if (people.length === 0) return reachesUnassignedDevices(principal);
  if (principal.user.role === 'owner') return people.every((id) => withinTokenPeople(principal, id));
  return people.every((id) => id === principal.user.personId && withinTokenPeople(principal, id));
}

/** Whom a device may be given to by this principal: the owner anyone it reaches; a member only themselves. */
export function canAssignTo(principal: Principal, personId: string): boolean {
  if (!withinTokenPeople(principal, personId)) return false;
  if (principal.user.role === 'owner') return true;
  return principal.user.role === 'member' && principal.user.personId === personId;
}

/**
 * Readings pushed over HTTP: an owner's token with the ingest scope. A token limited to people
 * sends only for devices that already belong to them, so it cannot write anyone else's record.
 */
export function canIngestFor(principal: Principal, device: Device | undefined): boolean {
  if (principal.via !== 'token' || !hasScope(principal, 'ingest') || principal.user.role !== 'owner') return false;
  if (principal.tokenPersonIds === undefined) return true;
  const people = device === undefined ? [] : devicePeople(device);
  return people.length > 0 && people.every((id) => withinTokenPeople(principal, id));
}

/** Acknowledging an alert about a person: anyone who reads them, except viewers. */
export function canAcknowledgeFor(principal: Principal, personId: string | undefined): boolean {
  if (principal.user.role === 'viewer' || !hasScope(principal, 'write')) return false;
  return personId === undefined ? principal.user.role === 'owner' : canReadPerson(principal, personId);
}
