import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canIngestFor } from '../../accounts/access.js';
import { makeDeviceId } from '../../../core/device-id.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { IngestBody, IngestParams, type IngestOutcome } from '../contract/ingest.js';
import { principalOf } from '../../http/request-auth.js';

/**
 * Readings pushed by an integration (a script, a phone shortcut) with an ingest-scoped token. Each
 * reading is taken or refused on its own; the answer says which were refused and why.
 */
export function registerIngestRoute(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/api/v1/ingest/:deviceId', { schema: { params: IngestParams, body: IngestBody } }, async (request): Promise<IngestOutcome> => {
    const principal = principalOf(request);
    const deviceId = makeDeviceId('given', request.params.deviceId);
    if (!canIngestFor(principal, deps.registry.device(deviceId))) {
      throw new ApiError(403, 'forbidden', 'sending readings needs an API token with the ingest scope, made by the owner (and, if the token is limited to people, a device of theirs)');
    }
    return deps.ingest.submit({ deviceId, readings: request.body.readings }, { seenVia: 'http', reasons: true });
  });
}
