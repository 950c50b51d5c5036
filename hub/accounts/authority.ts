import type { Principal } from './principal.js';
import type { Role, TokenScope } from './roles.js';

/**
 * What a credential can actually do: its role, the scopes that role lets it use, and whose data it
 * reaches. A credential may give (an account, a token, a grant) only what it holds itself, so
 * every route that makes or widens a credential compares authorities here, in one place.
 */
export interface Authority {
  readonly role: Role;
  /** The scopes that take effect: those of the role, narrowed by a token's own. */
  readonly scopes: ReadonlySet<TokenScope>;
  /** Whose readings, devices and alerts it reaches: everyone, or these people. */
  readonly people: 'everyone' | ReadonlySet<string>;
  /** Whether it sees devices that belong to nobody (and may claim them). */
  readonly unassigned: boolean;
}

/** Higher roles first: a credential may give a role at or below its own. */
const ROLE_RANK: Readonly<Record<Role, number>> = { owner: 3, member: 2, caregiver: 1, viewer: 0 };

/** What each role can do with each scope: only an owner administers or sends readings; viewers only read. */
const ROLE_SCOPES: Readonly<Record<Role, readonly TokenScope[]>> = {
  owner: ['read', 'write', 'ingest', 'admin'],
  member: ['read', 'write'],
  caregiver: ['read', 'write'],
  viewer: ['read'],
};

/** An account as it would be (or is): what it may do once logged in. */
export interface AccountShape {
  readonly role: Role;
  readonly personId?: string | undefined;
  readonly grants?: readonly string[] | undefined;
}

/** The authority of an account's own login session. */
export function accountAuthority(account: AccountShape): Authority {
  const scopes = new Set(ROLE_SCOPES[account.role]);
  switch (account.role) {
    case 'owner':
      return { role: 'owner', scopes, people: 'everyone', unassigned: true };
    case 'member':
      // A member sees the devices nobody owns, to claim their own.
      return { role: 'member', scopes, people: new Set(account.personId === undefined ? [] : [account.personId]), unassigned: true };
    case 'caregiver':
    case 'viewer':
      return { role: account.role, scopes, people: new Set(account.grants ?? []), unassigned: false };
  }
}

/** An account's authority narrowed to a token's scopes and people. */
export function narrowedAuthority(account: AccountShape, scopes: readonly TokenScope[], personIds?: readonly string[]): Authority {
  const full = accountAuthority(account);
  const people = personIds === undefined ? full.people : new Set(personIds.filter((id) => full.people === 'everyone' || full.people.has(id)));
  return {
    role: full.role,
    scopes: new Set(scopes.filter((s) => full.scopes.has(s))),
    people,
    unassigned: full.unassigned && personIds === undefined,
  };
}

/** What the credential behind a request holds. */
export function principalAuthority(principal: Principal): Authority {
  return narrowedAuthority(principal.user, principal.scopes, principal.tokenPersonIds);
}

/** Whether `holder` reaches this person's data. */
export function reaches(holder: Authority, personId: string): boolean {
  return holder.people === 'everyone' || holder.people.has(personId);
}

/**
 * Why `holder` may not give `wanted`, in words, or undefined when it holds all of it: the role at or
 * below its own, every scope, every person, and the unassigned devices if `wanted` sees them.
 */
export function beyondHolder(holder: Authority, wanted: Authority): string | undefined {
  if (ROLE_RANK[wanted.role] > ROLE_RANK[holder.role]) return `the ${wanted.role} role is above this credential's own`;
  const scopes = [...wanted.scopes].filter((s) => !holder.scopes.has(s));
  if (scopes.length > 0) return `this credential lacks the ${scopes.join(', ')} scope${scopes.length > 1 ? 's' : ''}`;
  if (wanted.people === 'everyone' && holder.people !== 'everyone') return 'this credential does not reach everyone in the household';
  if (wanted.people !== 'everyone') {
    const outside = [...wanted.people].filter((id) => !reaches(holder, id));
    if (outside.length > 0) return `this credential does not reach ${outside.map((id) => `"${id}"`).join(', ')}`;
  }
  if (wanted.unassigned && !holder.unassigned) return 'this credential does not reach the devices that belong to nobody';
  return undefined;
}

/**
 * Why this principal may not make, change or remove a credential of the given authority, or
 * undefined when it may. Changing or removing one needs the old authority covered too, so that a
 * narrow credential cannot take away what it could never have given.
 */
export function refusalToGive(principal: Principal, wanted: Authority, before?: Authority): string | undefined {
  const holder = principalAuthority(principal);
  return (before === undefined ? undefined : beyondHolder(holder, before)) ?? beyondHolder(holder, wanted);
}
