import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { ErrorBody } from './error-body.js';

/** A refusal the client can act on: an HTTP status, a stable code and a sentence for people. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
  return reply.code(error.statusCode).send({ error: error.code, message: error.message } satisfies ErrorBody);
}

/** Fastify's own client errors, said in words and with codes the dashboard can switch on. */
const FASTIFY_CODES: Readonly<Record<string, { code: string; message: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'the request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'send the request body as application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_request', message: 'the request body is empty but says it is JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', message: 'the request body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid_request', message: 'the request body length does not match its Content-Length' },
};

/** Every error becomes `{error, message}`; only server faults are logged, and never with the request body. */
export function installErrorHandler(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return sendError(reply, error);
    if (error.validation !== undefined) {
      const where = error.validationContext ?? 'request';
      return sendError(reply, new ApiError(400, 'invalid_request', `${where}: ${error.message.replace(/^(body|querystring|params|headers)\/?/, '')}`.trim()));
    }
    const known = FASTIFY_CODES[error.code];
    const status = error.statusCode ?? 500;
    if (known !== undefined) return sendError(reply, new ApiError(status >= 400 && status < 500 ? status : 400, known.code, known.message));
    if (status >= 400 && status < 500) {
      // SyntaxError from the JSON parser carries a 400 but no code of its own in some versions.
      const code = error instanceof SyntaxError ? 'malformed_json' : 'invalid_request';
      return sendError(reply, new ApiError(status, code, error instanceof SyntaxError ? 'the request body is not valid JSON' : error.message));
    }
    log.error({ err: error, method: request.method, route: request.routeOptions.url }, 'request failed');
    return sendError(reply, new ApiError(500, 'internal_error', 'the hub could not answer this request; the problem was logged'));
  });
}
