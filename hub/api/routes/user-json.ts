import type { User } from '../../accounts/user-store.js';

export interface UserJson {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly personId: string | null;
  readonly grants: readonly string[];
}

export function userJson(user: User): UserJson {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, personId: user.personId ?? null, grants: user.grants };
}
