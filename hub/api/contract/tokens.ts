import Type, { type Static } from 'typebox';
import { TOKEN_SCOPES } from '../../accounts/roles.js';
import { Name, PersonIdList, ReadonlyList, StringEnum } from './primitives.js';

export const TokenScope = StringEnum(TOKEN_SCOPES);
export type TokenScope = Static<typeof TokenScope>;

/** `GET /api/v1/tokens` (each), `POST /api/v1/tokens`: an API token for an integration. */
export const ApiToken = Type.Object(
  {
    id: Type.String(),
    /** The user who made it; the token never reaches further than they do. */
    userId: Type.String(),
    name: Type.String(),
    scopes: ReadonlyList(TokenScope),
    /** When set, the token reaches only these people. */
    personIds: Type.Optional(ReadonlyList(Type.String())),
    createdAt: Type.Number(),
    lastUsedAt: Type.Optional(Type.Number()),
    /** Only in the answer that creates the token: shown once, never again. */
    token: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ApiToken = Static<typeof ApiToken>;

/** `POST /api/v1/tokens` (owner, logged in). */
export const NewTokenBody = Type.Object(
  { name: Name, scopes: Type.Array(TokenScope, { minItems: 1, uniqueItems: true }), personIds: Type.Optional(PersonIdList) },
  { additionalProperties: false },
);
export type NewTokenBody = Static<typeof NewTokenBody>;

/** `DELETE /api/v1/tokens/:id`. */
export const RevokedToken = Type.Object({ id: Type.String(), revoked: Type.Literal(true) }, { additionalProperties: false });
export type RevokedToken = Static<typeof RevokedToken>;
