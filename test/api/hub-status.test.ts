import { EventEmitter } from 'node:events';
import t from 'tap';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import { bleSourceWith } from '../../hub/sources/ble-source.js';
import { ApiClient, onboardOwner, startApiHub } from './api-harness.js';

interface BluetoothAnswer {
  state: string;
  emulated: boolean;
  problem: string | null;
  detail: string | null;
}

/** A radio that only says what state it is in. */
class AdapterStates extends EventEmitter {
  state = 'unknown';

  change(state: string): void {
    this.state = state;
    this.emit('stateChange', state);
  }

  startScanning(): void {}
  stopScanning(): void {}
  setScanParameters(): void {}
  reset(): void {}
}

t.test('the hub says whether the household is simulated and whether Bluetooth works', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const status = await owner.get('/api/v1/hub');
  t.equal(status.status, 200);
  t.same(status.body, {
    demo: { running: false },
    bluetooth: { state: 'unavailable', emulated: false, problem: 'disabled', detail: 'Bluetooth is switched off in the configuration (ble.enabled: false)' },
  }, 'a hub without the simulation or the Bluetooth part says so');

  const sources = api.hub.context.services.sources;
  sources.simulationStarted();
  t.same((await owner.get('/api/v1/hub')).body, { demo: { running: true }, bluetooth: (status.body as { bluetooth: BluetoothAnswer }).bluetooth }, 'while the simulated household runs, the hub says it is a demo');
  sources.simulationStopped();
  t.equal(((await owner.get('/api/v1/hub')).body as { demo: { running: boolean } }).demo.running, false);

  sources.reportBluetooth({ state: 'unavailable', problem: 'no_adapter', detail: 'this machine has no Bluetooth adapter' });
  const pairing = (await owner.get('/api/v1/devices/pairing')).body as { bluetooth: BluetoothAnswer };
  t.same(pairing.bluetooth, { state: 'unavailable', emulated: false, problem: 'no_adapter', detail: 'this machine has no Bluetooth adapter' }, 'the pairing window says why it will hear nothing');

  const viewer = new ApiClient(api.base);
  t.equal((await viewer.get('/api/v1/hub')).status, 401, 'only for those signed in');
});

t.test('the Bluetooth part reports what the adapter says, and why it cannot be used', async (t) => {
  const adapter = new AdapterStates();
  const api = await startApiHub({ sources: [bleSourceWith({ noble: () => adapter })], config: { ble: { ...DEFAULT_CONFIG.ble, enabled: true } } });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const bluetooth = async (): Promise<BluetoothAnswer> => ((await owner.get('/api/v1/hub')).body as { bluetooth: BluetoothAnswer }).bluetooth;

  t.match(await bluetooth(), { state: 'starting' }, 'before the adapter says anything');
  adapter.change('unauthorized');
  t.match(await bluetooth(), { state: 'unavailable', problem: 'permission' }, 'no permission for the raw socket');
  adapter.change('poweredOff');
  t.match(await bluetooth(), { state: 'unavailable', problem: 'powered_off' }, 'the adapter is off');
  adapter.change('unsupported');
  t.match(await bluetooth(), { state: 'unavailable', problem: 'no_adapter' }, 'no Bluetooth LE adapter');
  adapter.change('poweredOn');
  t.same(await bluetooth(), { state: 'ready', emulated: false, problem: null, detail: null }, 'ready once it is powered on');
});
