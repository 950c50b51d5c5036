import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { passwordProblem } from '../../accounts/password-hash.js';
import type { IssuedSession } from '../../accounts/session-store.js';
import type { User } from '../../accounts/user-store.js';
import { randomId } from '../../accounts/secrets.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { Credentials, OnboardingBody, type LoggedOut, type Me, type OnboardingState, type SessionInfo } from '../contract/auth.js';
import { DEVICE_COOKIE, clearSessionCookie, principalOf, setDeviceCookie, setSessionCookie } from '../../http/request-auth.js';
import { OPEN_ROUTE } from '../../http/route-access.js';
import { userJson } from './user-json.js';

/** Onboarding, login, logout, refresh and `me`. */
export function registerAuthRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts } = deps;

  function startSession(request: FastifyRequest, reply: FastifyReply, user: User, session: IssuedSession): SessionInfo {
    setSessionCookie(request, reply, session.sessionId, session.createdAt + deps.session.absoluteMs - deps.clock.now());
    return { user: userJson(user), csrfToken: session.csrfToken };
  }

  app.get('/api/v1/onboarding', OPEN_ROUTE, async (): Promise<OnboardingState> => ({ needed: accounts.users.count() === 0 }));

  app.post('/api/v1/onboarding', { ...OPEN_ROUTE, schema: { body: OnboardingBody } }, async (request, reply) => {
    const { username, password, displayName } = request.body;
    if (accounts.users.count() > 0) throw new ApiError(409, 'already_onboarded', 'this hub already has an owner; log in instead');
    const problem = passwordProblem(password, username);
    if (problem !== undefined) throw new ApiError(400, 'weak_password', problem);
    const passwordHash = await accounts.hash(password);
    const personId = randomId('p-');
    const user = accounts.users.createFirstOwner({ username, displayName, role: 'owner', personId, passwordHash });
    // Another onboarding won the race while this one was hashing.
    if (user === undefined) throw new ApiError(409, 'already_onboarded', 'this hub already has an owner; log in instead');
    deps.registry.savePerson({ id: personId, name: displayName });
    deps.log.info({ userId: user.id }, 'owner account created');
    setDeviceCookie(request, reply, accounts.devices.issue(user.id), deps.trustedDeviceMs);
    return reply.code(201).send(startSession(request, reply, user, accounts.sessions.issue(user.id)));
  });

  app.post('/api/v1/auth/login', { ...OPEN_ROUTE, schema: { body: Credentials } }, async (request, reply): Promise<SessionInfo> => {
    const outcome = await accounts.login({ username: request.body.username, password: request.body.password, address: request.ip, deviceCookie: request.cookies[DEVICE_COOKIE] });
    if (!outcome.ok && outcome.reason === 'blocked') {
      const seconds = Math.max(1, Math.ceil(outcome.block.retryAfterMs / 1000));
      deps.log.warn({ reason: outcome.block.reason, address: request.ip }, 'login refused: too many failures');
      throw new ApiError(429, 'too_many_attempts', `too many failed logins; try again in ${Math.ceil(seconds / 60)} minute(s)`, { 'retry-after': String(seconds) });
    }
    if (!outcome.ok) {
      deps.log.info({ address: request.ip }, 'login failed');
      throw new ApiError(401, 'bad_credentials', 'the username or password is wrong');
    }
    setDeviceCookie(request, reply, outcome.deviceCookie, deps.trustedDeviceMs);
    return startSession(request, reply, outcome.user, outcome.session);
  });

  app.post('/api/v1/auth/logout', async (request, reply): Promise<LoggedOut> => {
    if (request.sessionId !== null) accounts.sessions.revoke(request.sessionId);
    clearSessionCookie(request, reply);
    return { loggedOut: true };
  });

  app.post('/api/v1/auth/refresh', async (request, reply): Promise<SessionInfo> => {
    if (request.sessionId === null) throw new ApiError(400, 'no_session', 'only a login session can be refreshed; API tokens do not expire');
    const rotated = accounts.sessions.rotate(request.sessionId);
    if (rotated === undefined) throw new ApiError(401, 'unauthenticated', 'the session has expired; log in again');
    return startSession(request, reply, principalOf(request).user, rotated);
  });

  app.get('/api/v1/me', async (request): Promise<Me> => {
    const principal = principalOf(request);
    return {
      user: userJson(principal.user),
      csrfToken: request.session?.csrfToken ?? null,
      via: principal.via,
      scopes: principal.scopes,
      ...(request.session !== null ? { expiresAt: request.session.expiresAt } : {}),
    };
  });
}
