import t from 'tap';
import { peripheralId } from '../../../drivers/ble/emulation/emulated-peripheral.js';
import { heartRateStrap } from '../../../drivers/ble/emulation/sig-devices.js';
import { makeDeviceId } from '../../../core/device-id.js';
import { systemScheduler } from '../../../core/scheduler.js';
import { emulatedRuntime } from './helpers/emulated-runtime.js';
import { waitFor } from './helpers/wait-for.js';

const STRAP = 'cc:00:00:00:00:21';

t.test('a link made and lost is told on the bus, and the signal of the newest advertisement is kept', async (t) => {
  const world = emulatedRuntime([heartRateStrap({ address: STRAP, scheduler: systemScheduler, intervalMs: 10, heartRate: () => 70 })]);
  const deviceId = makeDeviceId('ble', STRAP);
  const links: { deviceId: string; connected: boolean }[] = [];
  world.bus.on('device.connection', 'test', (e) => links.push({ deviceId: e.deviceId, connected: e.connected }));
  t.equal(world.runtime.signal(deviceId), undefined, 'no signal before the device is heard');
  world.runtime.start();
  t.teardown(() => world.runtime.stop());

  await waitFor('a connection', () => links.length === 1);
  t.same(links, [{ deviceId, connected: true }], 'connected');
  const signal = world.runtime.signal(deviceId);
  t.ok(signal !== undefined && signal.rssi < 0 && signal.rssi > -128, `the advertisement's RSSI is kept (${signal?.rssi ?? 'none'} dBm)`);

  world.binding.setInRange(peripheralId(STRAP), false);
  await waitFor('the link to drop', () => links.length === 2);
  t.same(links[1], { deviceId, connected: false }, 'and disconnected once the device left');
});
