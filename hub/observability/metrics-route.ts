import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OPEN_ROUTE } from '../http/route-access.js';
import type { MetricsAccess } from './observability-config.js';

/** Says whether a bearer token may read the metrics (an API token with the read or admin scope). */
export type TokenCheck = (token: string) => boolean;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function refusal(access: MetricsAccess, request: FastifyRequest, tokenOk: TokenCheck): { code: number; message: string } | undefined {
  if (access === 'open') return undefined;
  if (access === 'loopback') {
    if (LOOPBACK.test(request.socket.remoteAddress ?? '')) return undefined;
    return { code: 403, message: 'metrics are served to this box only (observability.metrics.access: loopback); set it to token to scrape with an API token' };
  }
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (match?.[1] === undefined) return { code: 401, message: 'metrics need an API token with the read scope as a bearer token' };
  return tokenOk(match[1]) ? undefined : { code: 401, message: 'the API token is not valid, was revoked, or lacks the read scope' };
}

/** `GET /metrics` in the Prometheus text format, behind the configured access rule. */
export function registerMetricsRoute(
  server: FastifyInstance,
  access: MetricsAccess,
  tokenOk: TokenCheck,
  metrics: { text(): Promise<string>; readonly contentType: string },
): void {
  // Open to the login check: the route applies its own rule, the scrape has no session.
  server.get('/metrics', OPEN_ROUTE, async (request, reply) => {
    const refused = refusal(access, request, tokenOk);
    if (refused !== undefined) return reply.code(refused.code).send({ error: refused.code === 403 ? 'forbidden' : 'unauthorized', message: refused.message });
    const body = await metrics.text();
    return reply.code(200).header('content-type', metrics.contentType).header('cache-control', 'no-store').send(body);
  });
}
