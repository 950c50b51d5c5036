import type { Scheduler } from '../../../core/scheduler.js';
import { BERRYMED, CHARACTERISTIC, JUMPER, POLAR_PMD, SERVICE } from '../drivers/sig-services.js';
import { encodeHeartRateMeasurement } from '../encoders/index.js';
import { peripheralId, type EmulatedPeripheral, type PeripheralLink } from './emulated-peripheral.js';
import { batteryAndDeviceInformation } from './standard-services.js';

const POLAR_EPOCH_MS = Date.UTC(2000, 0, 1);
const ECG_SAMPLES_PER_FRAME = 73;
const ECG_RATE_HZ = 130;
/** `02 00 00 01 82 00 01 01 0E 00`: start ECG at 130 Hz, 14 bit (docs/protocols.md §3.2). */
export const POLAR_START_ECG = Uint8Array.of(0x02, 0x00, 0x00, 0x01, 0x82, 0x00, 0x01, 0x01, 0x0e, 0x00);

/** One PMD ECG data frame: type 0, uint64 ns since 2000 of the last sample, frame type 0, int24 µV samples. */
export function polarEcgFrame(lastSampleMs: number, microVolts: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(10 + microVolts.length * 3);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(1, BigInt(Math.round(lastSampleMs - POLAR_EPOCH_MS)) * 1_000_000n, true);
  microVolts.forEach((uv, i) => {
    const v = uv & 0xffffff;
    bytes[10 + i * 3] = v & 0xff;
    bytes[11 + i * 3] = (v >> 8) & 0xff;
    bytes[12 + i * 3] = (v >> 16) & 0xff;
  });
  return bytes;
}

/** A Polar H10: heart rate on 0x180D and, after the start command, ECG frames on the PMD data characteristic. */
export function polarH10(address: string, scheduler: Scheduler, now: () => number, intervalMs = 500): EmulatedPeripheral {
  let timers: (() => void)[] = [];
  const stop = (): void => {
    for (const cancel of timers) cancel();
    timers = [];
  };
  const every = (task: () => void): void => {
    const loop = (): void => {
      task();
      timers.push(scheduler.after(intervalMs, loop));
    };
    loop();
  };
  let n = 0;
  return {
    id: peripheralId(address),
    address,
    connectable: true,
    rssi: -58,
    advertisement: () => ({ serviceUuids: [SERVICE.heartRate], localName: 'Polar H10 7A1B2C3D' }),
    services: [
      {
        uuid: SERVICE.heartRate,
        characteristics: [
          {
            uuid: CHARACTERISTIC.heartRateMeasurement,
            properties: ['notify'],
            subscribed: (link) => every(() => link.notify(SERVICE.heartRate, CHARACTERISTIC.heartRateMeasurement, encodeHeartRateMeasurement({ heartRate: 58, rrIntervalsMs: [1034] }))),
          },
        ],
      },
      {
        uuid: POLAR_PMD.service,
        characteristics: [
          {
            uuid: POLAR_PMD.controlPoint,
            properties: ['read', 'write', 'indicate'],
            read: () => Uint8Array.of(0x0f, 0x01),
            write: (bytes: Uint8Array, link: PeripheralLink) => {
              const ok = bytes.length === POLAR_START_ECG.length && bytes.every((b, i) => b === POLAR_START_ECG[i]);
              link.notify(POLAR_PMD.service, POLAR_PMD.controlPoint, Uint8Array.of(0xf0, bytes[0] ?? 0, bytes[1] ?? 0, ok ? 0 : 1));
              if (!ok) return;
              every(() => {
                const samples = Array.from({ length: ECG_SAMPLES_PER_FRAME }, (_, i) => Math.round(800 * Math.sin((n * ECG_SAMPLES_PER_FRAME + i) / 20)));
                n++;
                link.notify(POLAR_PMD.service, POLAR_PMD.data, polarEcgFrame(now(), samples));
              });
            },
          },
          { uuid: POLAR_PMD.data, properties: ['notify'] },
        ],
      },
      ...batteryAndDeviceInformation({ percent: 85 }, 'Polar Electro Oy', 'H10'),
    ],
    disconnected: stop,
  };
}

export { ECG_RATE_HZ as POLAR_ECG_RATE_HZ };

/** A BerryMed BM1000: the 5-byte BCI packets at 100/s, in notifications that split packets anywhere. */
export function berryMedOximeter(address: string, scheduler: Scheduler, intervalMs = 100): EmulatedPeripheral {
  let cancel: (() => void) | undefined;
  let pending: number[] = [];
  let n = 0;
  const send = (link: PeripheralLink): void => {
    for (let i = 0; i < 10; i++, n++) pending.push(0x80 | 0x05, 20 + (n % 60), 0x05, 72, 97);
    // 17-byte chunks: packets straddle notifications, as on the real device.
    while (pending.length >= 17) {
      link.notify(BERRYMED.service, BERRYMED.notify, Uint8Array.from(pending.slice(0, 17)));
      pending = pending.slice(17);
    }
    cancel = scheduler.after(intervalMs, () => send(link));
  };
  return {
    id: peripheralId(address),
    address,
    connectable: true,
    rssi: -62,
    advertisement: () => ({ localName: 'BerryMed' }),
    services: [
      {
        uuid: BERRYMED.service,
        characteristics: [
          { uuid: BERRYMED.notify, properties: ['notify'], subscribed: (link) => send(link) },
          { uuid: BERRYMED.write, properties: ['write', 'writeWithoutResponse'], write: () => undefined },
        ],
      },
    ],
    disconnected: () => {
      cancel?.();
      pending = [];
    },
  };
}

/** A Jumper JPD-500F: a 0x81 frame (pulse rate, SpO2, PI×10) per interval. */
export function jumperOximeter(address: string, scheduler: Scheduler, intervalMs = 1000): EmulatedPeripheral {
  let cancel: (() => void) | undefined;
  const send = (link: PeripheralLink): void => {
    link.notify(JUMPER.service, JUMPER.notify, Uint8Array.of(0x81, 66, 98, 45));
    cancel = scheduler.after(intervalMs, () => send(link));
  };
  return {
    id: peripheralId(address),
    address,
    connectable: true,
    rssi: -64,
    advertisement: () => ({ serviceUuids: [JUMPER.service], localName: 'My Oximeter' }),
    services: [{ uuid: JUMPER.service, characteristics: [{ uuid: JUMPER.notify, properties: ['notify'], subscribed: (link) => send(link) }] }],
    disconnected: () => cancel?.(),
  };
}
