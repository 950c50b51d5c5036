/** What a user may do: owner everything; member own data and devices; caregiver and viewer read granted people. */
export type Role = 'owner' | 'member' | 'caregiver' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'member', 'caregiver', 'viewer'];

/** What an API token may do, on top of what its user may do. */
export type TokenScope = 'read' | 'write' | 'ingest' | 'admin';
export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write', 'ingest', 'admin'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}
