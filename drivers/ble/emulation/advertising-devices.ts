import { SERVICE } from '../drivers/sig-services.js';
import { peripheralId, type EmulatedPeripheral } from './emulated-peripheral.js';

/** A BTHome v2 room sensor (unencrypted): packet id, battery, temperature and humidity. */
export function bthomeSensor(address: string, reading: () => { packetId: number; temperatureC: number; humidity: number; battery: number }): EmulatedPeripheral {
  return {
    id: peripheralId(address),
    address,
    connectable: false,
    rssi: -75,
    advertisement: () => {
      const r = reading();
      const data = new Uint8Array(10);
      const view = new DataView(data.buffer);
      data.set([0x40, 0x00, r.packetId & 0xff, 0x01, r.battery, 0x02]);
      view.setInt16(6, Math.round(r.temperatureC * 100), true);
      data[8] = 0x2e;
      data[9] = Math.round(r.humidity);
      return { localName: 'Room sensor', serviceData: [{ uuid: SERVICE.bthome, data }] };
    },
    services: [],
  };
}

/** A Mi Smart Scale v1: advertises its last weighing (stabilised, kg) with its own clock. */
export function miScaleV1(address: string, weighing: () => { kg: number; at: Date } | undefined): EmulatedPeripheral {
  return {
    id: peripheralId(address),
    address,
    connectable: false,
    rssi: -70,
    advertisement: () => {
      const w = weighing();
      if (w === undefined) return { localName: 'MI_SCALE' };
      const data = new Uint8Array(10);
      const view = new DataView(data.buffer);
      data[0] = 0x20;
      view.setUint16(1, Math.round(w.kg * 200), true);
      view.setUint16(3, w.at.getUTCFullYear(), true);
      data.set([w.at.getUTCMonth() + 1, w.at.getUTCDate(), w.at.getUTCHours(), w.at.getUTCMinutes(), w.at.getUTCSeconds()], 5);
      return { localName: 'MI_SCALE', serviceData: [{ uuid: SERVICE.weightScale, data }] };
    },
    services: [],
  };
}
