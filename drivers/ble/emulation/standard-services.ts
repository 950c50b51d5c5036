import { encodeBatteryLevel } from '../encoders/index.js';
import { CHARACTERISTIC, SERVICE } from '../drivers/sig-services.js';
import type { EmulatedService } from './emulated-peripheral.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** Battery 0x180F and Device Information 0x180A, as every connectable emulated device has them. */
export function batteryAndDeviceInformation(battery: { percent: number }, manufacturer: string, model: string): EmulatedService[] {
  return [
    {
      uuid: SERVICE.battery,
      characteristics: [{ uuid: CHARACTERISTIC.batteryLevel, properties: ['read', 'notify'], read: () => encodeBatteryLevel(battery.percent) }],
    },
    {
      uuid: SERVICE.deviceInformation,
      characteristics: [
        { uuid: CHARACTERISTIC.manufacturerName, properties: ['read'], read: () => text(manufacturer) },
        { uuid: CHARACTERISTIC.modelNumber, properties: ['read'], read: () => text(model) },
      ],
    },
  ];
}

/** A device clock the hub may set: Current Time 0x2A2B with write, as cuffs and meters have. */
export class SettableClock {
  /** The last Current Time bytes the central wrote, if any. */
  written: Uint8Array | undefined;

  service(): EmulatedService {
    return {
      uuid: SERVICE.currentTime,
      characteristics: [
        {
          uuid: CHARACTERISTIC.currentTime,
          properties: ['read', 'write', 'notify'],
          read: () => this.written ?? new Uint8Array(10),
          write: (bytes) => {
            this.written = bytes;
          },
        },
      ],
    };
  }
}
