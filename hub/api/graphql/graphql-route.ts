import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import type { Principal } from '../../accounts/principal.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { sameOrigin } from '../live/live-route.js';
import { graphqlResolvers, type GraphqlContext } from './graphql-resolvers.js';
import { GRAPHQL_SCHEMA } from './graphql-schema.js';

interface ConnectionInit {
  payload?: { token?: unknown; authorization?: unknown } | null;
}

function tokenFrom(init: ConnectionInit): string | undefined {
  const payload = init.payload;
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload.token === 'string') return payload.token;
  if (typeof payload.authorization === 'string') return payload.authorization.replace(/^Bearer\s+/i, '');
  return undefined;
}

/**
 * `/graphql`: queries and mutations over HTTP (the auth hook has already admitted the request),
 * subscriptions over WebSocket authenticated by the session cookie or a token in connection_init.
 */
export async function registerGraphql(app: FastifyInstance, deps: ApiDeps, owner: string): Promise<void> {
  await app.register(mercurius, {
    schema: GRAPHQL_SCHEMA,
    resolvers: graphqlResolvers(deps, owner) as never,
    path: '/graphql',
    graphiql: false,
    allowBatchedQueries: false,
    queryDepth: 8,
    context: (request): GraphqlContext => ({ principal: request.principal }),
    errorFormatter: (execution, context) => {
      const formatted = mercurius.defaultErrorFormatter(execution, context);
      // Access refusals keep their code so a client can tell "log in" from "not yours".
      const errors = (execution.errors ?? []).map((error) => {
        const original = error.originalError;
        return original instanceof ApiError ? { message: original.message, path: error.path, extensions: { code: original.code } } : error;
      });
      return { statusCode: formatted.statusCode, response: { ...formatted.response, errors } };
    },
    subscription: {
      context: (_socket, request): GraphqlContext => ({
        principal: request.session !== null && !sameOrigin(request) ? null : request.principal,
      }),
      onConnect: (init: ConnectionInit): { principal: Principal } | boolean => {
        const token = tokenFrom(init);
        if (token === undefined) return true;
        const principal = deps.accounts.byToken(token);
        return principal === undefined ? false : { principal };
      },
    },
  });
}
