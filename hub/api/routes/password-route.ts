import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { passwordProblem, verifyPassword } from '../../accounts/password-hash.js';
import { ApiError } from '../../http/api-error.js';
import { DEVICE_COOKIE, principalOf, setDeviceCookie, setSessionCookie } from '../../http/request-auth.js';
import type { ApiDeps } from '../api-deps.js';
import { PasswordChangeBody, type SessionInfo } from '../contract/auth.js';
import { userJson } from './user-json.js';

/**
 * `POST /api/v1/me/password`: anyone signed in sets a new password for themselves, saying the
 * current one; a wrong one counts as a failed login. Every session of the user ends, and this
 * browser gets a new one, so a session someone else still holds stops working; the browsers trusted
 * for its logins are forgotten but this one.
 */
export function registerPasswordRoute(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts } = deps;

  app.post('/api/v1/me/password', { schema: { body: PasswordChangeBody } }, async (request, reply): Promise<SessionInfo> => {
    const principal = principalOf(request);
    if (principal.via !== 'session') throw new ApiError(403, 'forbidden', 'sign in to change your password; an API token cannot');
    const { username, id } = principal.user;
    // Counted like a login, before the check, so a stolen session cannot guess the password either.
    const trustedDevice = accounts.devices.trustedId(request.cookies[DEVICE_COOKIE], id);
    const reserved = accounts.limiter.reserve({ username, address: request.ip, ...(trustedDevice !== undefined ? { trustedDevice } : {}) });
    if (!reserved.ok) {
      const seconds = Math.max(1, Math.ceil(reserved.block.retryAfterMs / 1000));
      throw new ApiError(429, 'too_many_attempts', `too many wrong passwords; try again in ${Math.ceil(seconds / 60)} minute(s)`, { 'retry-after': String(seconds) });
    }
    const stored = accounts.users.credentialsOf(username);
    if (stored === undefined || !(await verifyPassword(request.body.currentPassword, stored.passwordHash))) {
      throw new ApiError(403, 'wrong_password', 'the current password is not right');
    }
    reserved.reservation.succeeded();
    const problem = passwordProblem(request.body.newPassword, username);
    if (problem !== undefined) throw new ApiError(400, 'weak_password', problem);
    accounts.users.setPasswordHash(id, await accounts.hash(request.body.newPassword));
    accounts.sessions.revokeAllOf(id);
    // Browsers trusted under the old password are trusted no longer: this one is trusted afresh.
    accounts.devices.forgetAllOf(id);
    setDeviceCookie(request, reply, accounts.devices.issue(id), deps.trustedDeviceMs);
    const session = accounts.sessions.issue(id);
    setSessionCookie(request, reply, session.sessionId, deps.session.absoluteMs);
    deps.log.info({ userId: id }, 'password changed');
    return { user: userJson(principal.user), csrfToken: session.csrfToken };
  });
}
