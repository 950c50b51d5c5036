import type { FastifyInstance } from 'fastify';
import { aggregateBatchSchema, type AggregateBatch } from '../protocol/batch.js';
import { utcDay } from '../protocol/signing.js';
import { signedBy } from '../request-signature.js';
import type { RelayRouteDeps } from './route-deps.js';

/** Research aggregates: validated against the schema, folded once per batch id. */
export function registerBatchRoutes(app: FastifyInstance, deps: RelayRouteDeps): void {
  app.post<{ Body: AggregateBatch }>('/v1/batches', { schema: { body: aggregateBatchSchema }, preHandler: signedBy(deps) }, async (request, reply) => {
    const hub = request.hub;
    if (hub === undefined) throw new Error('signature check did not run');
    const outcome = await deps.storage.ingest(hub.keyId, request.body.batchId, request.body.cells, utcDay(deps.now()));
    return reply.code(200).send({ batchId: request.body.batchId, outcome });
  });
}
