import type { Scheduler } from '../../../core/scheduler.js';
import { bthomeSensor, miScaleV1 } from './advertising-devices.js';
import type { EmulatedPeripheral } from './emulated-peripheral.js';
import { berryMedOximeter, jumperOximeter, polarH10 } from './proprietary-devices.js';
import { bloodPressureCuff, GlucoseMeter, heartRateStrap, plxOximeter, thermometer, weightScale } from './sig-devices.js';

const HOUR = 3_600_000;

/**
 * The demo household's Bluetooth devices, for `ble.emulated: true`: open pairing on the dashboard
 * and they appear, each with its driver. Stored readings are timed relative to `now` at start.
 */
export function demoPeripherals(scheduler: Scheduler, now: () => number): EmulatedPeripheral[] {
  const t0 = now();
  let packetId = 0;
  return [
    heartRateStrap({ address: 'c0:ff:ee:00:00:01', scheduler }),
    bloodPressureCuff('c0:ff:ee:00:00:02', [
      { ts: t0 - 26 * HOUR, systolic: 128, diastolic: 82, pulseRate: 70, userId: 1 },
      { ts: t0 - 14 * HOUR, systolic: 121, diastolic: 79, pulseRate: 66, userId: 2 },
      { ts: t0 - 2 * HOUR, systolic: 125, diastolic: 80, pulseRate: 68, userId: 1 },
    ]),
    weightScale('c0:ff:ee:00:00:03', [
      { ts: t0 - 20 * HOUR, kg: 81.4, userId: 1 },
      { ts: t0 - 19 * HOUR, kg: 64.2, userId: 2 },
    ]),
    new GlucoseMeter('c0:ff:ee:00:00:04', [
      { sequenceNumber: 1, ts: t0 - 30 * HOUR, mgDl: 104 },
      { sequenceNumber: 2, ts: t0 - 6 * HOUR, mgDl: 131 },
    ]).peripheral(),
    thermometer('c0:ff:ee:00:00:05', { ts: t0 - HOUR, celsius: 36.8 }),
    plxOximeter('c0:ff:ee:00:00:06', scheduler),
    polarH10('c0:ff:ee:00:00:07', scheduler, now),
    berryMedOximeter('c0:ff:ee:00:00:08', scheduler),
    jumperOximeter('c0:ff:ee:00:00:09', scheduler),
    bthomeSensor('c0:ff:ee:00:00:0a', () => ({ packetId: Math.floor(packetId++ / 50), temperatureC: 21.5, humidity: 45, battery: 93 })),
    miScaleV1('c0:ff:ee:00:00:0b', () => ({ kg: 72.3, at: new Date(t0 - 3 * HOUR) })),
  ];
}
