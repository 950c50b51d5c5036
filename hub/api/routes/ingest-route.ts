import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { hasScope } from '../../accounts/access.js';
import { makeDeviceId } from '../../../core/device-id.js';
import { ApiError } from '../../http/api-error.js';
import { DurableAck } from '../../store/durable-ack.js';
import type { ApiDeps } from '../api-deps.js';
import { IngestBody, IngestParams, type IngestOutcome } from '../contract/ingest.js';
import { principalOf } from '../../http/request-auth.js';

/** Longest an answer waits before its commit is forced; requests arriving meanwhile share it. */
const COMMIT_WITHIN_MS = 10;

/**
 * Readings pushed by an integration (a script, a phone shortcut) with an ingest-scoped token. Each
 * reading is taken or refused on its own; the answer says which were refused and why. It comes once
 * the accepted readings are committed, so that "accepted" survives the hub being killed a moment
 * later. When the store gives up queued readings (its queue overflowing while the disk fails), the
 * answers still waiting say 503: those readings may be lost and are to be sent again.
 */
export function registerIngestRoute(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const durable = new DurableAck(deps.store.writer, COMMIT_WITHIN_MS);
  server.addHook('onClose', async () => durable.stop());
  app.post('/api/v1/ingest/:deviceId', { schema: { params: IngestParams, body: IngestBody } }, async (request): Promise<IngestOutcome> => {
    const principal = principalOf(request);
    if (principal.via !== 'token' || !hasScope(principal, 'ingest') || principal.user.role !== 'owner') {
      throw new ApiError(403, 'forbidden', 'sending readings needs an API token with the ingest scope, made by the owner');
    }
    const deviceId = makeDeviceId('given', request.params.deviceId);
    const outcome = deps.ingest.submit({ deviceId, readings: request.body.readings }, { seenVia: 'http', reasons: true });
    if (outcome.accepted > 0) {
      try {
        await durable.committed();
      } catch (error) {
        throw new ApiError(503, 'not_stored', `the hub could not confirm that the readings were stored (${(error as Error).message}); send them again with their ts, so that none is stored twice`);
      }
    }
    return outcome;
  });
}
