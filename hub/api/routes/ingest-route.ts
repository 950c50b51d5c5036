import type { FastifyInstance } from 'fastify';
import { hasScope } from '../../accounts/access.js';
import type { DecodedReading } from '../../../drivers/format.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { principalOf } from '../../http/request-auth.js';
import { deviceIdSchema, metricSchema, timeSchema } from '../schemas.js';

/** Readings pushed by an integration (a script, a phone shortcut) with an ingest-scoped token. */
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
      deps.registry.noteDeviceSeen(request.params.deviceId, 'http');
      return deps.gate.submit({ deviceId: request.params.deviceId, readings: request.body.readings });
    },
  );
}
