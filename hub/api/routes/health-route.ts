import type { FastifyInstance } from 'fastify';
import { OPEN_ROUTE } from '../../http/route-access.js';
import type { HealthReport } from '../contract/health.js';

/** `GET /api/v1/health`: open without login, so that a supervisor or a phone can check the hub. */
export function registerHealthRoute(server: FastifyInstance, report: () => HealthReport): void {
  server.get('/api/v1/health', OPEN_ROUTE, async (_request, reply) => {
    const body = report();
    return reply.code(body.status === 'ok' ? 200 : 503).send(body);
  });
}
