import t from 'tap';
import { peripheralId } from '../../../drivers/ble/emulation/emulated-peripheral.js';
import { GlucoseMeter, heartRateStrap } from '../../../drivers/ble/emulation/sig-devices.js';
import { makeDeviceId } from '../../../core/device-id.js';
import { systemScheduler } from '../../../core/scheduler.js';
import { emulatedRuntime } from './helpers/emulated-runtime.js';
import { waitFor } from './helpers/wait-for.js';

const STRAP = 'cc:00:00:00:00:01';

t.test('garbage bytes are refused and the stream carries on', async (t) => {
  const world = emulatedRuntime([heartRateStrap({ address: STRAP, scheduler: systemScheduler, intervalMs: 10, heartRate: () => 70 })]);
  world.binding.setFault(peripheralId(STRAP), { kind: 'garbage' });
  world.runtime.start();
  t.teardown(() => world.runtime.stop());
  await waitFor('garbage notifications', () => world.heard.filter((h) => h.formatId === '2a37').length >= 20);
  world.binding.setFault(peripheralId(STRAP), undefined);
  await waitFor('good readings again', () => world.metricsOf(makeDeviceId('ble', STRAP), 'heart_rate').slice(-3).join() === '70,70,70');
  t.ok(world.binding.isConnected(peripheralId(STRAP)), 'the link survived the garbage');
});

t.test('a glucose download dropped mid-transfer is asked for again from the same record', async (t) => {
  const meter = new GlucoseMeter('cc:00:00:00:00:02', [1, 2, 3, 4].map((n) => ({ sequenceNumber: n, ts: Date.now() - n * 3_600_000, mgDl: 100 + n })));
  const world = emulatedRuntime([meter.peripheral()]);
  world.binding.setFault(peripheralId(meter.address), { kind: 'drop-after', notifications: 2 });
  world.runtime.start();
  t.teardown(() => world.runtime.stop());
  await waitFor('a completed download', () => world.sequences.get(makeDeviceId('ble', meter.address)) === 4);
  const requests = meter.racpRequests.map((r) => Buffer.from(r).toString('hex'));
  t.same(requests.slice(0, 2), ['0101', '0101'], 'nothing was marked as downloaded after the drop');
});

t.test('a device that never answers is given up on and retried with backoff, without harming others', async (t) => {
  const silent = heartRateStrap({ address: 'cc:00:00:00:00:03', scheduler: systemScheduler, intervalMs: 10 });
  const good = heartRateStrap({ address: 'cc:00:00:00:00:04', scheduler: systemScheduler, intervalMs: 10 });
  const world = emulatedRuntime([silent, good]);
  world.binding.setFault(silent.id, { kind: 'silent' });
  world.runtime.start();
  t.teardown(() => world.runtime.stop());
  await waitFor('several attempts at the silent device', () => world.binding.counts.connects >= 4);
  t.ok(world.metricsOf(makeDeviceId('ble', 'cc:00:00:00:00:04'), 'heart_rate').length > 0, 'the good strap streams meanwhile');
  t.notOk(world.binding.isConnected(silent.id) && world.runtime.activeLinks > 2, 'the silent link does not pile up');
});

t.test('a stalled scan is restarted by the watchdog', async (t) => {
  const world = emulatedRuntime([heartRateStrap({ address: 'cc:00:00:00:00:05', scheduler: systemScheduler })], { runtime: { scanWatchdogMs: 1000 }, known: false });
  world.runtime.start();
  t.teardown(() => world.runtime.stop());
  await waitFor('scanning', () => world.binding.counts.scanStarts >= 1);
  world.binding.stallScanning();
  await waitFor('a restarted scan', () => world.binding.counts.scanStarts >= 2);
  t.pass('scan restarted');
});

t.test('a device that goes quiet is reported unavailable, and available when heard again', async (t) => {
  const world = emulatedRuntime([heartRateStrap({ address: 'cc:00:00:00:00:06', scheduler: systemScheduler })], { runtime: { unavailableAfterMs: 1000 }, known: false });
  const changes: boolean[] = [];
  world.bus.on('device.availability', 'test', (e) => changes.push(e.available));
  world.bus.emit('pairing.changed', { open: true });
  world.runtime.start();
  world.runtime.setPairing(true);
  t.teardown(() => world.runtime.stop());
  await waitFor('available', () => changes.length === 1);
  world.binding.setInRange(peripheralId('cc:00:00:00:00:06'), false);
  await waitFor('unavailable', () => changes.length === 2);
  world.binding.setInRange(peripheralId('cc:00:00:00:00:06'), true);
  await waitFor('available again', () => changes.length === 3);
  t.same(changes, [true, false, true]);
});
