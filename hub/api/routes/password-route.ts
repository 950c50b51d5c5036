import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { passwordProblem, verifyPassword } from '../../accounts/password-hash.js';
import { ApiError } from '../../http/api-error.js';
import { principalOf, setSessionCookie } from '../../http/request-auth.js';
import type { ApiDeps } from '../api-deps.js';
import { PasswordChangeBody, type SessionInfo } from '../contract/auth.js';
import { userJson } from './user-json.js';

/**
 * `POST /api/v1/me/password`: anyone signed in sets a new password for themselves, saying the
 * current one; a wrong one counts as a failed login. Every session of the user ends, and this
 * browser gets a new one, so a session someone else still holds stops working.
 */
export function registerPasswordRoute(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts } = deps;

  app.post('/api/v1/me/password', { schema: { body: PasswordChangeBody } }, async (request, reply): Promise<SessionInfo> => {
    const principal = principalOf(request);
    if (principal.via !== 'session') throw new ApiError(403, 'forbidden', 'sign in to change your password; an API token cannot');
    const { username, id } = principal.user;
    const block = accounts.limiter.blocked(username, request.ip);
    if (block !== undefined) {
      const seconds = Math.max(1, Math.ceil(block.retryAfterMs / 1000));
      throw new ApiError(429, 'too_many_attempts', `too many wrong passwords; try again in ${Math.ceil(seconds / 60)} minute(s)`, { 'retry-after': String(seconds) });
    }
    const stored = accounts.users.credentialsOf(username);
    if (stored === undefined || !(await verifyPassword(request.body.currentPassword, stored.passwordHash))) {
      accounts.limiter.noteFailure(username, request.ip);
      throw new ApiError(403, 'wrong_password', 'the current password is not right');
    }
    const problem = passwordProblem(request.body.newPassword, username);
    if (problem !== undefined) throw new ApiError(400, 'weak_password', problem);
    accounts.users.setPasswordHash(id, await accounts.hash(request.body.newPassword));
    accounts.sessions.revokeAllOf(id);
    const session = accounts.sessions.issue(id);
    setSessionCookie(request, reply, session.sessionId, deps.session.absoluteMs);
    deps.log.info({ userId: id }, 'password changed');
    return { user: userJson(principal.user), csrfToken: session.csrfToken };
  });
}
