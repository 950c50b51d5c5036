import type { Role, TokenScope } from './roles.js';
import type { ApiToken } from './token-store.js';
import type { User } from './user-store.js';

/** Who is asking: a logged-in user, or an integration holding one of a user's API tokens. */
export interface Principal {
  readonly user: User;
  readonly via: 'session' | 'token';
  /** Sessions carry every scope of their role; tokens only those they were given. */
  readonly scopes: readonly TokenScope[];
  /** A token limited to some people reaches only those. */
  readonly tokenPersonIds?: readonly string[];
  readonly tokenId?: string;
}

const ALL_SCOPES: readonly TokenScope[] = ['read', 'write', 'ingest', 'admin'];

export function sessionPrincipal(user: User): Principal {
  return { user, via: 'session', scopes: ALL_SCOPES };
}

export function tokenPrincipal(user: User, token: ApiToken): Principal {
  return { user, via: 'token', scopes: token.scopes, tokenId: token.id, ...(token.personIds !== undefined ? { tokenPersonIds: token.personIds } : {}) };
}

export function roleOf(principal: Principal): Role {
  return principal.user.role;
}
