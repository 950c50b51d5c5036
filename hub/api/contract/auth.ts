import Type, { type Static } from 'typebox';
import { Name, Nullable, Password, ReadonlyList, Username } from './primitives.js';
import { TokenScope } from './tokens.js';
import { UserJson } from './users.js';

/** `POST /api/v1/auth/login`. */
export const Credentials = Type.Object({ username: Username, password: Password }, { additionalProperties: false });
export type Credentials = Static<typeof Credentials>;

/** `POST /api/v1/onboarding`: the first owner's account, on a hub that has none yet. */
export const OnboardingBody = Type.Object({ ...Credentials.properties, displayName: Name }, { additionalProperties: false });
export type OnboardingBody = Static<typeof OnboardingBody>;

/** `GET /api/v1/onboarding`: whether the hub still waits for its first owner. */
export const OnboardingState = Type.Object({ needed: Type.Boolean() }, { additionalProperties: false });
export type OnboardingState = Static<typeof OnboardingState>;

/**
 * `POST /api/v1/onboarding`, `/auth/login`, `/auth/refresh`: the signed-in user and the CSRF token
 * every request that changes something sends back (the session itself travels in a cookie).
 */
export const SessionInfo = Type.Object({ user: UserJson, csrfToken: Type.String() }, { additionalProperties: false });
export type SessionInfo = Static<typeof SessionInfo>;

/** `GET /api/v1/me`: who is asking. A bearer token has no CSRF token and no expiry. */
export const Me = Type.Object(
  {
    user: UserJson,
    csrfToken: Nullable(Type.String()),
    via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
    scopes: ReadonlyList(TokenScope),
    expiresAt: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export type Me = Static<typeof Me>;

/** `POST /api/v1/auth/logout`. */
export const LoggedOut = Type.Object({ loggedOut: Type.Literal(true) }, { additionalProperties: false });
export type LoggedOut = Static<typeof LoggedOut>;

/**
 * `POST /api/v1/me/password`: anyone signed in changes their own password, saying the current one.
 * The answer is a fresh session (every other session of the user ends).
 */
export const PasswordChangeBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;
