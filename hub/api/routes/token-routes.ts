import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { IdParams } from '../contract/primitives.js';
import { NewTokenBody, type ApiToken, type RevokedToken } from '../contract/tokens.js';
import { principalOf } from '../../http/request-auth.js';
import { narrowedAuthority } from '../../accounts/authority.js';
import { requireAdmin, requireWithinHolder } from './credential-checks.js';

export function registerTokenRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { accounts } = deps;

  app.get('/api/v1/tokens', async (request): Promise<ApiToken[]> => {
    requireAdmin(principalOf(request));
    return accounts.tokens.list();
  });

  app.post('/api/v1/tokens', { schema: { body: NewTokenBody } }, async (request, reply) => {
    const principal = principalOf(request);
    requireAdmin(principal);
    // A token never reaches further than the one creating it.
    if (principal.via === 'token') throw new ApiError(403, 'forbidden', 'log in to create API tokens');
    for (const id of request.body.personIds ?? []) {
      if (deps.household.person(id) === undefined) throw new ApiError(400, 'unknown_person', `there is no person "${id}"`);
    }
    requireWithinHolder(principal, narrowedAuthority(principal.user, request.body.scopes, request.body.personIds));
    const { token, info } = accounts.tokens.create(principal.user.id, request.body.name, request.body.scopes, request.body.personIds);
    deps.log.info({ tokenId: info.id, scopes: info.scopes }, 'API token created');
    return reply.code(201).send({ ...info, token } satisfies ApiToken);
  });

  app.delete('/api/v1/tokens/:id', { schema: { params: IdParams } }, async (request): Promise<RevokedToken> => {
    const principal = principalOf(request);
    requireAdmin(principal);
    const found = accounts.tokens.list().find((t) => t.id === request.params.id);
    const maker = found === undefined ? undefined : accounts.users.byId(found.userId);
    if (found === undefined || maker === undefined) throw new ApiError(404, 'token_not_found', 'no such token');
    requireWithinHolder(principal, narrowedAuthority(maker, found.scopes, found.personIds));
    if (!accounts.tokens.revoke(found.id)) throw new ApiError(404, 'token_not_found', 'no such token');
    deps.log.info({ tokenId: request.params.id }, 'API token revoked');
    return { id: request.params.id, revoked: true };
  });
}
