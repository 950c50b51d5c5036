import type { User } from '../../accounts/user-store.js';
import type { UserJson } from '../contract/users.js';

export function userJson(user: User): UserJson {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, personId: user.personId ?? null, grants: user.grants };
}
