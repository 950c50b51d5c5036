import type { FastifyInstance } from 'fastify';
import { canWrite } from '../../accounts/access.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { changeDevice, manageableDevice } from '../device-actions.js';
import { DEFAULT_PAIRING_SECONDS, MAX_PAIRING_SECONDS } from '../pairing-window.js';
import { principalOf } from '../../http/request-auth.js';
import { idParams, idSchema, nameSchema } from '../schemas.js';

interface DevicePatch {
  name?: string;
  personId?: string | null;
  userSlots?: Record<string, string>;
}

export function registerDeviceRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { registry, household, pairing } = deps;

  app.get('/api/v1/devices', async (request) => household.visibleDevices(principalOf(request)));

  app.patch<{ Params: { id: string }; Body: DevicePatch }>(
    '/api/v1/devices/:id',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: nameSchema,
            personId: { anyOf: [idSchema, { type: 'null' }] },
            userSlots: { type: 'object', maxProperties: 16, additionalProperties: idSchema, propertyNames: { pattern: '^[0-9]{1,3}$' } },
          },
        },
      },
    },
    async (request) => changeDevice(deps, principalOf(request), request.params.id, request.body),
  );

  app.delete<{ Params: { id: string } }>('/api/v1/devices/:id', { schema: { params: idParams } }, async (request) => {
    const device = manageableDevice(deps, principalOf(request), request.params.id);
    registry.forgetDevice(device.id);
    deps.log.info({ deviceId: device.id }, 'device forgotten');
    return { id: device.id, forgotten: true };
  });

  app.get('/api/v1/devices/pairing', async () => pairing.state());

  app.post<{ Body: { seconds?: number } | undefined }>(
    '/api/v1/devices/pairing',
    {
      schema: {
        body: { type: 'object', additionalProperties: false, properties: { seconds: { type: 'integer', minimum: 10, maximum: MAX_PAIRING_SECONDS } } },
      },
    },
    async (request) => {
      if (!canWrite(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner and members pair devices');
      const { open, until } = pairing.open(request.body?.seconds ?? DEFAULT_PAIRING_SECONDS);
      return { open, until };
    },
  );

  app.delete('/api/v1/devices/pairing', async (request) => {
    if (!canWrite(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner and members pair devices');
    const { open, until } = pairing.close();
    return { open, until };
  });
}
