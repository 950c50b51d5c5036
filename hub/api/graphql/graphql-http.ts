import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { ApiError, sendError } from '../../http/api-error.js';
import type { GraphqlLimits } from '../api-config.js';
import { AnswerBudget, answerTooLarge } from './answer-budget.js';
import { asGraphqlError, formatGraphqlError } from './graphql-errors.js';
import type { GraphqlContext } from './graphql-resolvers.js';
import type { OperationGate } from './operation-gate.js';

/** A GraphQL request is a document of at most `maxTokens` tokens and its variables: a socket message's size is plenty. */
export const MAX_GRAPHQL_REQUEST_BYTES = 64 * 1024;

const requestTooLarge = `a GraphQL request is at most ${MAX_GRAPHQL_REQUEST_BYTES / 1024} KiB; ask for fewer fields, or pass values as variables`;

interface GraphqlRequest {
  readonly query?: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

export interface GraphqlHttpOptions {
  readonly limits: GraphqlLimits;
  readonly gate: OperationGate;
  readonly log: Logger;
  /** The socket side of `GET /graphql`. */
  readonly socket: (socket: WebSocket, request: FastifyRequest) => void;
}

function refusal(reply: FastifyReply, status: number, errors: readonly GraphQLFormattedError[], headers: Readonly<Record<string, string>> = {}): FastifyReply {
  for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
  return reply.code(status).send({ data: null, errors });
}

function variablesOf(value: unknown, fromQueryString: boolean): Record<string, unknown> | undefined | 'invalid' {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed: unknown = value;
  if (fromQueryString) {
    if (typeof value !== 'string') return 'invalid';
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return 'invalid';
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : 'invalid';
}

/**
 * `POST /graphql` and `GET /graphql` (queries only): each operation waits for a place at the gate,
 * runs with an answer budget, and its JSON answer is measured before it is sent.
 */
export async function registerGraphqlHttp(app: FastifyInstance, options: GraphqlHttpOptions): Promise<void> {
  const { limits, gate, log } = options;
  const format = (error: unknown): GraphQLFormattedError => formatGraphqlError(asGraphqlError(error), limits.maxTokens);

  async function answer(request: FastifyRequest, reply: FastifyReply, body: GraphqlRequest, fromQueryString: boolean): Promise<FastifyReply> {
    // The auth hook admits only callers with a credential; said again here because an upgrade request is let through it.
    const principal = request.principal;
    if (principal === null) return sendError(reply, new ApiError(401, 'unauthenticated', 'log in first, or send an API token'));
    const { query, operationName } = body;
    if (typeof query !== 'string' || query.trim() === '') return refusal(reply, 400, [{ message: 'send the document as "query"', extensions: { code: 'invalid_request' } }]);
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
      return refusal(reply, 400, [{ message: '"operationName" is a string', extensions: { code: 'invalid_request' } }]);
    }
    const variables = variablesOf(body.variables, fromQueryString);
    if (variables === 'invalid') return refusal(reply, 400, [{ message: '"variables" is a JSON object', extensions: { code: 'invalid_request' } }]);
    const context: GraphqlContext & { reply: FastifyReply } = { principal, answer: new AnswerBudget(limits.maxAnswerBytes), reply };
    try {
      const result = await gate.run(() => app.graphql(query, context, variables, operationName ?? undefined));
      const text = JSON.stringify(result);
      if (Buffer.byteLength(text) > limits.maxAnswerBytes) return refusal(reply, 413, [format(answerTooLarge(limits.maxAnswerBytes))]);
      return reply.type('application/json; charset=utf-8').send(text);
    } catch (error) {
      if (error instanceof ApiError) return refusal(reply, error.statusCode, [format(error)], error.headers);
      // mercurius throws validation and method errors with their status and the GraphQL errors inside.
      const { statusCode, errors } = error as { statusCode?: unknown; errors?: unknown };
      const status = typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
      if (status === 500) {
        log.error({ err: error }, 'GraphQL request failed');
        return refusal(reply, 500, [{ message: 'the hub could not answer this request; the problem was logged', extensions: { code: 'internal_error' } }]);
      }
      return refusal(reply, status, (Array.isArray(errors) ? errors : [error]).map(format));
    }
  }

  await app.register(async (scope) => {
    // A GraphQL client reads `errors`: a document too large to read is refused in that shape, naming the limit.
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
      return refusal(reply, 413, [{ message: requestTooLarge, extensions: { code: 'request_too_large' } }]);
    });
    scope.addContentTypeParser('application/graphql', { parseAs: 'string' }, (_request, payload, done) => done(null, { query: payload }));
    scope.post('/graphql', { bodyLimit: MAX_GRAPHQL_REQUEST_BYTES }, (request, reply) => answer(request, reply, (request.body ?? {}) as GraphqlRequest, false));
    scope.route({ method: 'GET', url: '/graphql', wsHandler: options.socket, handler: (request, reply) => answer(request, reply, request.query as GraphqlRequest, true) });
  });
}
