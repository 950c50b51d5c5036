import t from 'tap';
import { bthomeSensor, miScaleV1 } from '../../../drivers/ble/emulation/advertising-devices.js';
import { berryMedOximeter, jumperOximeter, polarH10 } from '../../../drivers/ble/emulation/proprietary-devices.js';
import { bloodPressureCuff, plxOximeter, thermometer } from '../../../drivers/ble/emulation/sig-devices.js';
import { SettableClock } from '../../../drivers/ble/emulation/standard-services.js';
import { heartRateStrap } from '../../../drivers/ble/emulation/sig-devices.js';
import { makeDeviceId } from '../../../core/device-id.js';
import { systemScheduler } from '../../../core/scheduler.js';
import { emulatedRuntime } from './helpers/emulated-runtime.js';
import { waitFor } from './helpers/wait-for.js';

t.test('each driver turns its device into readings through real noble', async (t) => {
  const now = Date.now();
  const cuffClock = new SettableClock();
  const world = emulatedRuntime([
    heartRateStrap({ address: 'bb:00:00:00:00:01', scheduler: systemScheduler, intervalMs: 20, heartRate: () => 72 }),
    thermometer('bb:00:00:00:00:02', { ts: now - 60_000, celsius: 37.2 }),
    plxOximeter('bb:00:00:00:00:03', systemScheduler, 20),
    polarH10('bb:00:00:00:00:04', systemScheduler, () => Date.now(), 20),
    berryMedOximeter('bb:00:00:00:00:05', systemScheduler, 10),
    jumperOximeter('bb:00:00:00:00:06', systemScheduler, 20),
    bthomeSensor('bb:00:00:00:00:07', () => ({ packetId: 1, temperatureC: 21.5, humidity: 45, battery: 93 })),
    miScaleV1('bb:00:00:00:00:08', () => ({ kg: 72.3, at: new Date(now - 60_000) })),
    bloodPressureCuff('bb:00:00:00:00:09', [{ ts: now - 3_600_000, systolic: 120, diastolic: 80, pulseRate: 60, userId: 1 }], cuffClock),
  ], { runtime: { maxConnections: 8 } });
  world.runtime.start();
  t.teardown(() => world.runtime.stop());
  const id = (n: number): string => makeDeviceId('ble', `bb:00:00:00:00:0${n}`);
  await waitFor('every device heard', () =>
    world.metricsOf(id(1), 'heart_rate').length > 0 &&
    world.metricsOf(id(2), 'body_temperature').length > 0 &&
    world.metricsOf(id(3), 'spo2').length > 0 &&
    world.heard.some((h) => h.deviceId === id(4) && h.waveforms.length > 0) &&
    world.heard.some((h) => h.deviceId === id(5) && h.formatId === 'batch') &&
    world.metricsOf(id(6), 'spo2').length > 0 &&
    world.metricsOf(id(7), 'ambient_temperature').length > 0 &&
    world.metricsOf(id(8), 'body_weight').length > 0 &&
    world.metricsOf(id(9), 'bp_systolic').length > 0,
  );
  t.same(world.metricsOf(id(1), 'heart_rate').slice(0, 2), [72, 72], 'heart rate strap');
  t.ok(world.metricsOf(id(1), 'battery').includes(80), 'battery level read on connect');
  t.same(world.metricsOf(id(2), 'body_temperature').slice(0, 1), [37.2], 'thermometer');
  t.ok(world.metricsOf(id(3), 'spo2').every((v) => v === 97 || v === 98), 'PLX oximeter');
  const ecg = world.heard.find((h) => h.deviceId === id(4) && h.waveforms.length > 0)?.waveforms[0];
  t.equal(ecg?.rateHz, 130, 'Polar H10 ECG at 130 Hz after the start command');
  t.ok(world.metricsOf(id(4), 'heart_rate').includes(58), 'Polar H10 heart rate');
  const batch = world.heard.find((h) => h.deviceId === id(5) && h.formatId === 'batch');
  t.same(batch?.readings.map((r) => [r.metric, r.value]), [['spo2', 97], ['pulse_rate', 72]], 'BerryMed packets re-framed across notifications');
  t.equal(batch?.waveforms[0]?.samples.length, 100, 'one second of pleth per batch');
  t.same(world.metricsOf(id(6), 'pulse_rate').slice(0, 1), [66], 'Jumper oximeter');
  t.same(world.metricsOf(id(7), 'ambient_temperature'), [21.5], 'BTHome: a repeated advertisement is passed on once');
  t.same(world.metricsOf(id(8), 'body_weight'), [72.3], 'Mi scale: a repeated advertisement is passed on once');
  t.same(world.metricsOf(id(9), 'bp_systolic').slice(0, 1), [120], 'blood pressure cuff');
  t.equal(cuffClock.written?.length, 10, 'the cuff clock was set (Current Time written)');
  const details = world.runtime.details.get(id(1));
  t.same([details?.manufacturer, details?.model], ['Hearth Emulated', 'HR-1'], 'Device Information read');
});
