import type { FastifyInstance, FastifyRequest } from 'fastify';
import mercurius from 'mercurius';
import type { WebSocket } from 'ws';
import type { GraphqlLimits } from '../api-config.js';
import type { ApiDeps } from '../api-deps.js';
import { sameOrigin } from '../live/live-route.js';
import type { StreamCredentials } from '../stream-credentials.js';
import { formatGraphqlError } from './graphql-errors.js';
import { registerGraphqlHttp } from './graphql-http.js';
import { limitRules } from './graphql-limits.js';
import { graphqlResolvers } from './graphql-resolvers.js';
import { GRAPHQL_SCHEMA } from './graphql-schema.js';
import { GraphqlSocket, isGraphqlSocketProtocol } from './graphql-socket.js';
import { OperationGate } from './operation-gate.js';
import { StoreTurns } from './store-turns.js';

export interface GraphqlOptions {
  readonly limits: GraphqlLimits;
  readonly credentials: StreamCredentials;
  readonly socket: { readonly initTimeoutMs: number; readonly pingIntervalMs: number };
}

/** Subscriptions one socket may run at once (each is a listener on the bus). */
const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

/**
 * `/graphql`: queries and mutations over HTTP (the auth hook has already admitted the request),
 * subscriptions over WebSocket (graphql-transport-ws, or the legacy graphql-ws) authenticated by
 * the session cookie, a bearer header or a token in connection_init. mercurius builds the schema
 * and executes; the routes, the socket protocol and the limits are the hub's.
 */
export async function registerGraphql(app: FastifyInstance, deps: ApiDeps, owner: string, options: GraphqlOptions): Promise<void> {
  const { limits } = options;
  const rules = limitRules(limits);
  await app.register(mercurius, {
    schema: GRAPHQL_SCHEMA,
    resolvers: graphqlResolvers(deps, owner, new StoreTurns()) as never,
    routes: false,
    // Binds the Subscription resolvers as graphql-js `subscribe` functions; the socket is the hub's own.
    subscription: true,
    graphiql: false,
    allowBatchedQueries: false,
    graphql: { parseOptions: { maxTokens: limits.maxTokens } },
    validationRules: rules,
    errorFormatter: (execution, context) => {
      const formatted = mercurius.defaultErrorFormatter(execution, context);
      const errors = (execution.errors ?? []).map((error) => formatGraphqlError(error, limits.maxTokens));
      return { statusCode: formatted.statusCode, response: { ...formatted.response, errors } };
    },
  });
  const socketOptions = {
    schema: app.graphql.schema,
    rules,
    maxTokens: limits.maxTokens,
    credentials: options.credentials,
    byToken: (token: string) => deps.accounts.byToken(token),
    initTimeoutMs: options.socket.initTimeoutMs,
    pingIntervalMs: options.socket.pingIntervalMs,
    maxSubscriptions: MAX_SUBSCRIPTIONS_PER_SOCKET,
  };
  await registerGraphqlHttp(app, {
    limits,
    gate: new OperationGate(limits.maxRunning, limits.maxWaiting),
    log: deps.log,
    socket: (socket: WebSocket, request: FastifyRequest) => {
      if (!isGraphqlSocketProtocol(socket.protocol)) {
        socket.close(1002, 'use the graphql-transport-ws subprotocol');
        return;
      }
      // A cookie sent by a page of another origin does not authenticate (cross-site WebSocket hijacking).
      const cookie = request.session !== null && sameOrigin(request);
      const principal = request.session !== null && !cookie ? null : request.principal;
      new GraphqlSocket(socket, socketOptions, principal, cookie ? request.sessionId : null);
    },
  });
}
