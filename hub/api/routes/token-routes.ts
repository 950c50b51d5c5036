import type { FastifyInstance } from 'fastify';
import type { TokenScope } from '../../accounts/roles.js';
import { TOKEN_SCOPES } from '../../accounts/roles.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { principalOf } from '../../http/request-auth.js';
import { idParams, nameSchema, personIdListSchema } from '../schemas.js';
import { requireAdmin } from './user-routes.js';

export function registerTokenRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { accounts } = deps;

  app.get('/api/v1/tokens', async (request) => {
    requireAdmin(principalOf(request));
    return accounts.tokens.list();
  });

  app.post<{ Body: { name: string; scopes: TokenScope[]; personIds?: string[] } }>(
    '/api/v1/tokens',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name', 'scopes'],
          additionalProperties: false,
          properties: {
            name: nameSchema,
            scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: TOKEN_SCOPES } },
            personIds: personIdListSchema,
          },
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      requireAdmin(principal);
      // A token never reaches further than the one creating it.
      if (principal.via === 'token') throw new ApiError(403, 'forbidden', 'log in to create API tokens');
      for (const id of request.body.personIds ?? []) {
        if (deps.household.person(id) === undefined) throw new ApiError(400, 'unknown_person', `there is no person "${id}"`);
      }
      const { token, info } = accounts.tokens.create(principal.user.id, request.body.name, request.body.scopes, request.body.personIds);
      deps.log.info({ tokenId: info.id, scopes: info.scopes }, 'API token created');
      return reply.code(201).send({ ...info, token });
    },
  );

  app.delete<{ Params: { id: string } }>('/api/v1/tokens/:id', { schema: { params: idParams } }, async (request) => {
    requireAdmin(principalOf(request));
    if (!accounts.tokens.revoke(request.params.id)) throw new ApiError(404, 'token_not_found', 'no such token');
    deps.log.info({ tokenId: request.params.id }, 'API token revoked');
    return { id: request.params.id, revoked: true };
  });
}
