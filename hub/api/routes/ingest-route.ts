import type { FastifyInstance } from 'fastify';
import { hasScope } from '../../accounts/access.js';
import type { DecodedReading } from '../../../drivers/format.js';
import { makeDeviceId } from '../../../core/device-id.js';
import { ApiError } from '../api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { principalOf } from '../request-auth.js';
import { deviceIdSchema, metricSchema, timeSchema } from '../schemas.js';

/**
 * Readings pushed by an integration (a script, a phone shortcut) with an ingest-scoped token. Each
 * reading is taken or refused on its own; the answer says which were refused and why.
 */
export function registerIngestRoute(app: FastifyInstance, deps: ApiDeps): void {
  app.post<{ Params: { deviceId: string }; Body: { readings: DecodedReading[] } }>(
    '/api/v1/ingest/:deviceId',
    {
      schema: {
        params: { type: 'object', required: ['deviceId'], additionalProperties: false, properties: { deviceId: deviceIdSchema } },
        body: {
          type: 'object',
          required: ['readings'],
          additionalProperties: false,
          properties: {
            readings: {
              type: 'array',
              minItems: 1,
              maxItems: 1000,
              items: {
                type: 'object',
                required: ['metric', 'value'],
                additionalProperties: false,
                properties: { metric: metricSchema, value: { type: 'number' }, ts: timeSchema, userSlot: { type: 'integer', minimum: 0, maximum: 255 } },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (principal.via !== 'token' || !hasScope(principal, 'ingest') || principal.user.role !== 'owner') {
        throw new ApiError(403, 'forbidden', 'sending readings needs an API token with the ingest scope, made by the owner');
      }
      const deviceId = makeDeviceId('given', request.params.deviceId);
      return deps.ingest.submit({ deviceId, readings: request.body.readings }, { seenVia: 'http', reasons: true });
    },
  );
}
