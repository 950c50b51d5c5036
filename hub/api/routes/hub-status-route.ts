import type { FastifyInstance } from 'fastify';
import type { BluetoothStatus } from '../../services/source-status.js';
import type { ApiDeps } from '../api-deps.js';
import type { BluetoothState, HubStatus } from '../contract/hub-status.js';

/** The radio's status in the contract's flat shape. */
export function bluetoothState(status: BluetoothStatus): BluetoothState {
  switch (status.state) {
    case 'ready':
      return { state: 'ready', emulated: status.emulated, problem: null, detail: null };
    case 'starting':
      return { state: 'starting', emulated: false, problem: null, detail: null };
    case 'unavailable':
      return { state: 'unavailable', emulated: false, problem: status.problem, detail: status.detail };
  }
}

/** `GET /api/v1/hub`: whether the household on screen is the simulated one, and whether Bluetooth works. */
export function registerHubStatusRoute(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/api/v1/hub', async (): Promise<HubStatus> => ({ demo: { running: deps.sources.simulated }, bluetooth: bluetoothState(deps.sources.bluetooth) }));
}
