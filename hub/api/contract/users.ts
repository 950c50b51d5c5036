import Type, { type Static } from 'typebox';
import { ROLES } from '../../accounts/roles.js';
import { Id, Name, Nullable, Password, PersonIdList, ReadonlyList, StringEnum, Username } from './primitives.js';

/** owner, member, caregiver or viewer. */
export const Role = StringEnum(ROLES);
export type Role = Static<typeof Role>;

/** A user account as the API shows it: never its password hash. */
export const UserJson = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Role,
    /** The person whose data is the user's own; null for caregivers and viewers. */
    personId: Nullable(Type.String()),
    /** The people a caregiver or viewer may see. */
    grants: ReadonlyList(Type.String()),
  },
  { additionalProperties: false },
);
export type UserJson = Static<typeof UserJson>;

/**
 * `POST /api/v1/users` (owner only). A member's readings are a person's: name the person, or ask
 * with `newPerson` for a new one named after the member; the hub never makes one unasked.
 */
export const NewUserBody = Type.Object(
  {
    username: Username,
    password: Password,
    displayName: Name,
    role: Role,
    personId: Type.Optional(Id),
    newPerson: Type.Optional(Type.Literal(true)),
    grants: Type.Optional(PersonIdList),
  },
  { additionalProperties: false },
);
export type NewUserBody = Static<typeof NewUserBody>;

/** `PUT /api/v1/users/:id/grants` (owner only). */
export const GrantsBody = Type.Object({ grants: PersonIdList }, { additionalProperties: false });
export type GrantsBody = Static<typeof GrantsBody>;

/** `DELETE /api/v1/users/:id`. */
export const RemovedUser = Type.Object({ id: Type.String(), removed: Type.Literal(true) }, { additionalProperties: false });
export type RemovedUser = Static<typeof RemovedUser>;
