import { canAdminister } from '../../accounts/access.js';
import { refusalToGive, type Authority } from '../../accounts/authority.js';
import type { Principal } from '../../accounts/principal.js';
import { ApiError } from '../../http/api-error.js';

/** Users, tokens and settings: the owner, logged in or with an admin-scoped token. */
export function requireAdmin(principal: Principal): void {
  if (!canAdminister(principal)) throw new ApiError(403, 'forbidden', 'only the owner manages users, tokens and settings');
}

/**
 * Every route that makes, widens or removes an account, a grant or a token asks here: a credential
 * never gives more than it holds (hub/accounts/authority.ts). `before` is what the credential
 * being changed holds now.
 */
export function requireWithinHolder(principal: Principal, wanted: Authority, before?: Authority): void {
  const reason = refusalToGive(principal, wanted, before);
  if (reason !== undefined) throw new ApiError(403, 'forbidden', `a credential cannot give more than it holds: ${reason}`);
}
