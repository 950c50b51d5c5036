import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canWrite } from '../../accounts/access.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import {
  DEFAULT_PAIRING_SECONDS,
  DevicePatchBody,
  PairingOpenBody,
  type DeviceSummary,
  type ForgottenDevice,
  type PairingState,
  type PairingWindowState,
} from '../contract/devices.js';
import { IdParams } from '../contract/primitives.js';
import { changeDevice, manageableDevice } from '../device-actions.js';
import { principalOf } from '../../http/request-auth.js';
import { bluetoothState } from './hub-status-route.js';

export function registerDeviceRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { registry, household, pairing } = deps;

  app.get('/api/v1/devices', async (request): Promise<DeviceSummary[]> => household.visibleDevices(principalOf(request)));

  app.patch('/api/v1/devices/:id', { schema: { params: IdParams, body: DevicePatchBody } }, async (request): Promise<DeviceSummary> =>
    changeDevice(deps, principalOf(request), request.params.id, request.body),
  );

  app.delete('/api/v1/devices/:id', { schema: { params: IdParams } }, async (request): Promise<ForgottenDevice> => {
    const device = manageableDevice(deps, principalOf(request), request.params.id);
    registry.forgetDevice(device.id);
    deps.log.info({ deviceId: device.id }, 'device forgotten');
    return { id: device.id, forgotten: true };
  });

  app.get('/api/v1/devices/pairing', async (): Promise<PairingState> => ({ ...pairing.state(), bluetooth: bluetoothState(deps.sources.bluetooth) }));

  app.post('/api/v1/devices/pairing', { schema: { body: PairingOpenBody } }, async (request): Promise<PairingWindowState> => {
    if (!canWrite(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner and members pair devices');
    // A POST may come without a body at all.
    const body: PairingOpenBody | undefined = request.body;
    const { open, until } = pairing.open(body?.seconds ?? DEFAULT_PAIRING_SECONDS);
    return { open, until };
  });

  app.delete('/api/v1/devices/pairing', async (request): Promise<PairingWindowState> => {
    if (!canWrite(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner and members pair devices');
    const { open, until } = pairing.close();
    return { open, until };
  });
}
