import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { accountAuthority } from '../../accounts/authority.js';
import { passwordProblem } from '../../accounts/password-hash.js';
import { randomId } from '../../accounts/secrets.js';
import { UsernameTakenError } from '../../accounts/user-store.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { IdParams } from '../contract/primitives.js';
import { GrantsBody, NewUserBody, type RemovedUser, type UserJson } from '../contract/users.js';
import { principalOf } from '../../http/request-auth.js';
import { requireAdmin, requireWithinHolder } from './credential-checks.js';
import { userJson } from './user-json.js';

export function registerUserRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts, household } = deps;

  app.get('/api/v1/users', async (request): Promise<UserJson[]> => {
    requireAdmin(principalOf(request));
    return accounts.users.list().map(userJson);
  });

  app.post('/api/v1/users', { schema: { body: NewUserBody } }, async (request, reply) => {
    const principal = principalOf(request);
    requireAdmin(principal);
    const { username, password, displayName, role, grants = [] } = request.body;
    const problem = passwordProblem(password, username);
    if (problem !== undefined) throw new ApiError(400, 'weak_password', problem);
    for (const id of [...grants, ...(request.body.personId !== undefined ? [request.body.personId] : [])]) {
      if (household.person(id) === undefined) throw new ApiError(400, 'unknown_person', `there is no person "${id}"`);
    }
    if ((role === 'owner' || role === 'member') && grants.length > 0) throw new ApiError(400, 'invalid_request', 'grants are for caregivers and viewers');
    if (request.body.personId !== undefined && request.body.newPerson === true) throw new ApiError(400, 'invalid_request', 'name a person or ask for a new one, not both');
    // A member's own data needs a person to belong to, chosen or asked for, never guessed.
    if (role === 'member' && request.body.personId === undefined && request.body.newPerson !== true) {
      throw new ApiError(400, 'person_required', 'a member needs a person: give personId, or newPerson to add one named after them');
    }
    const newPerson = request.body.newPerson === true;
    const personId = newPerson ? randomId('p-') : request.body.personId;
    requireWithinHolder(principal, accountAuthority({ role, personId, grants }));
    if (newPerson && personId !== undefined) deps.registry.savePerson({ id: personId, name: displayName });
    const passwordHash = await accounts.hash(password);
    try {
      const user = accounts.users.create({ username, displayName, role, passwordHash, grants, ...(personId !== undefined ? { personId } : {}) });
      deps.log.info({ userId: user.id, role }, 'user created');
      return await reply.code(201).send(userJson(user) satisfies UserJson);
    } catch (error) {
      if (error instanceof UsernameTakenError) throw new ApiError(409, 'username_taken', error.message);
      throw error;
    }
  });

  app.put('/api/v1/users/:id/grants', { schema: { params: IdParams, body: GrantsBody } }, async (request): Promise<UserJson> => {
    const principal = principalOf(request);
    requireAdmin(principal);
    const user = accounts.users.byId(request.params.id);
    if (user === undefined) throw new ApiError(404, 'user_not_found', 'no such user');
    for (const id of request.body.grants) if (household.person(id) === undefined) throw new ApiError(400, 'unknown_person', `there is no person "${id}"`);
    requireWithinHolder(principal, accountAuthority({ ...user, grants: request.body.grants }), accountAuthority(user));
    accounts.users.setGrants(user.id, request.body.grants);
    const updated = accounts.users.byId(user.id);
    if (updated === undefined) throw new ApiError(404, 'user_not_found', 'no such user');
    return userJson(updated);
  });

  app.delete('/api/v1/users/:id', { schema: { params: IdParams } }, async (request): Promise<RemovedUser> => {
    const principal = principalOf(request);
    requireAdmin(principal);
    const user = accounts.users.byId(request.params.id);
    if (user === undefined) throw new ApiError(404, 'user_not_found', 'no such user');
    requireWithinHolder(principal, accountAuthority(user));
    if (user.role === 'owner' && accounts.users.countOwners() <= 1) throw new ApiError(409, 'last_owner', 'the last owner cannot be removed');
    accounts.users.remove(user.id);
    deps.log.info({ userId: user.id }, 'user removed');
    return { id: user.id, removed: true };
  });
}
