import type { Scheduler } from '../../../core/scheduler.js';
import { CHARACTERISTIC, SERVICE } from '../drivers/sig-services.js';
import {
  dateTimeAt,
  encodeBloodPressureMeasurement,
  encodeGlucoseMeasurement,
  encodeHeartRateMeasurement,
  encodePlxContinuousMeasurement,
  encodeRacpResponseCode,
  encodeTemperatureMeasurement,
  encodeWeightMeasurement,
  glucoseConcentrationFromMgDl,
} from '../encoders/index.js';
import { peripheralId, type EmulatedPeripheral, type PeripheralLink } from './emulated-peripheral.js';
import { batteryAndDeviceInformation, SettableClock } from './standard-services.js';

/** Stored measurements carry the device's local time; these devices keep UTC (offset 0). */
export const EMULATED_UTC_OFFSET_MINUTES = 0;

const deviceTime = (ts: number) => dateTimeAt(ts, EMULATED_UTC_OFFSET_MINUTES);

export interface HeartRateStrapOptions {
  readonly address: string;
  readonly name?: string;
  readonly scheduler: Scheduler;
  readonly intervalMs?: number;
  /** The heart rate of the n-th notification (out-of-range values make a faulty strap). */
  readonly heartRate?: (n: number) => number;
}

/** A chest strap: a notification per interval while subscribed, with RR intervals. */
export function heartRateStrap(options: HeartRateStrapOptions): EmulatedPeripheral {
  let link: PeripheralLink | undefined;
  let cancel: (() => void) | undefined;
  let n = 0;
  const beat = (): void => {
    if (link === undefined) return;
    const heartRate = options.heartRate?.(n) ?? 60 + (n % 10);
    n++;
    link.notify(SERVICE.heartRate, CHARACTERISTIC.heartRateMeasurement, encodeHeartRateMeasurement({ heartRate, sensorContact: true, rrIntervalsMs: [Math.round(60_000 / Math.max(heartRate, 30))] }));
    cancel = options.scheduler.after(options.intervalMs ?? 1000, beat);
  };
  return {
    id: peripheralId(options.address),
    address: options.address,
    connectable: true,
    rssi: -60,
    advertisement: () => ({ serviceUuids: [SERVICE.heartRate] }),
    scanResponse: () => ({ localName: options.name ?? 'HRM Strap' }),
    services: [
      {
        uuid: SERVICE.heartRate,
        characteristics: [
          {
            uuid: CHARACTERISTIC.heartRateMeasurement,
            properties: ['notify'],
            subscribed: (l) => {
              link = l;
              cancel?.();
              beat();
            },
          },
          { uuid: CHARACTERISTIC.bodySensorLocation, properties: ['read'], read: () => Uint8Array.of(1) },
        ],
      },
      ...batteryAndDeviceInformation({ percent: 80 }, 'Hearth Emulated', 'HR-1'),
    ],
    disconnected: () => {
      link = undefined;
      cancel?.();
    },
  };
}

export interface StoredBloodPressure {
  readonly ts: number;
  readonly systolic: number;
  readonly diastolic: number;
  readonly pulseRate: number;
  readonly userId: number;
}

/** A cuff: on subscription it indicates every stored measurement, then ends the link itself. */
export function bloodPressureCuff(address: string, stored: StoredBloodPressure[], clock = new SettableClock()): EmulatedPeripheral {
  return {
    id: peripheralId(address),
    address,
    connectable: true,
    rssi: -70,
    advertisement: () => ({ serviceUuids: [SERVICE.bloodPressure], localName: 'BP Cuff' }),
    services: [
      {
        uuid: SERVICE.bloodPressure,
        characteristics: [
          {
            uuid: CHARACTERISTIC.bloodPressureMeasurement,
            properties: ['indicate'],
            subscribed: (link) => {
              for (const m of stored) {
                link.notify(SERVICE.bloodPressure, CHARACTERISTIC.bloodPressureMeasurement, encodeBloodPressureMeasurement({ systolic: m.systolic, diastolic: m.diastolic, pulseRate: m.pulseRate, userId: m.userId, timestamp: deviceTime(m.ts) }));
              }
              link.disconnect();
            },
          },
        ],
      },
      clock.service(),
      ...batteryAndDeviceInformation({ percent: 60 }, 'Hearth Emulated', 'BP-1'),
    ],
  };
}

export interface StoredWeight {
  readonly ts: number;
  readonly kg: number;
  readonly userId: number;
}

/** A multi-user scale: indicates its stored measurements (each with its user id) on subscription. */
export function weightScale(address: string, stored: StoredWeight[]): EmulatedPeripheral {
  return {
    id: peripheralId(address),
    address,
    connectable: true,
    rssi: -65,
    advertisement: () => ({ serviceUuids: [SERVICE.weightScale], localName: 'Scale' }),
    services: [
      {
        uuid: SERVICE.weightScale,
        characteristics: [
          {
            uuid: CHARACTERISTIC.weightMeasurement,
            properties: ['indicate'],
            subscribed: (link) => {
              for (const m of stored) link.notify(SERVICE.weightScale, CHARACTERISTIC.weightMeasurement, encodeWeightMeasurement({ weight: m.kg, userId: m.userId, timestamp: deviceTime(m.ts) }));
              link.disconnect();
            },
          },
        ],
      },
      ...batteryAndDeviceInformation({ percent: 90 }, 'Hearth Emulated', 'WS-1'),
    ],
  };
}

export interface GlucoseRecord {
  readonly sequenceNumber: number;
  readonly ts: number;
  readonly mgDl: number;
}

/** A glucose meter: answers Record Access Control Point requests from its stored records. */
export class GlucoseMeter {
  readonly racpRequests: Uint8Array[] = [];
  readonly clock = new SettableClock();

  constructor(
    readonly address: string,
    readonly records: GlucoseRecord[],
  ) {}

  peripheral(): EmulatedPeripheral {
    return {
      id: peripheralId(this.address),
      address: this.address,
      connectable: true,
      rssi: -72,
      advertisement: () => ({ serviceUuids: [SERVICE.glucose], localName: 'Glucose Meter' }),
      services: [
        {
          uuid: SERVICE.glucose,
          characteristics: [
            { uuid: CHARACTERISTIC.glucoseMeasurement, properties: ['notify'] },
            { uuid: CHARACTERISTIC.recordAccessControlPoint, properties: ['write', 'indicate'], write: (bytes, link) => this.answer(bytes, link) },
          ],
        },
        this.clock.service(),
        ...batteryAndDeviceInformation({ percent: 70 }, 'Hearth Emulated', 'GL-1'),
      ],
    };
  }

  private answer(request: Uint8Array, link: PeripheralLink): void {
    this.racpRequests.push(request);
    const [opCode, operator, filterType, lo = 0, hi = 0] = request;
    if (opCode !== 1) {
      link.notify(SERVICE.glucose, CHARACTERISTIC.recordAccessControlPoint, encodeRacpResponseCode(opCode ?? 0, 2));
      return;
    }
    const from = operator === 3 && filterType === 1 ? lo | (hi << 8) : operator === 1 ? 0 : undefined;
    if (from === undefined) {
      link.notify(SERVICE.glucose, CHARACTERISTIC.recordAccessControlPoint, encodeRacpResponseCode(1, 4));
      return;
    }
    const selected = this.records.filter((r) => r.sequenceNumber >= from);
    for (const r of selected) {
      link.notify(SERVICE.glucose, CHARACTERISTIC.glucoseMeasurement, encodeGlucoseMeasurement({
        sequenceNumber: r.sequenceNumber,
        baseTime: deviceTime(r.ts),
        sample: { concentration: glucoseConcentrationFromMgDl(r.mgDl, 'kg/L'), unit: 'kg/L', type: 1, sampleLocation: 1 },
      }));
    }
    link.notify(SERVICE.glucose, CHARACTERISTIC.recordAccessControlPoint, encodeRacpResponseCode(1, selected.length > 0 ? 1 : 6));
  }
}

/** A thermometer: indicates one final temperature (with its device time) on subscription. */
export function thermometer(address: string, reading: { ts: number; celsius: number }): EmulatedPeripheral {
  return {
    id: peripheralId(address),
    address,
    connectable: true,
    rssi: -68,
    advertisement: () => ({ serviceUuids: [SERVICE.healthThermometer], localName: 'Thermometer' }),
    services: [
      {
        uuid: SERVICE.healthThermometer,
        characteristics: [
          {
            uuid: CHARACTERISTIC.temperatureMeasurement,
            properties: ['indicate'],
            subscribed: (link) => {
              link.notify(SERVICE.healthThermometer, CHARACTERISTIC.temperatureMeasurement, encodeTemperatureMeasurement({ value: reading.celsius, timestamp: deviceTime(reading.ts), temperatureType: 3 }));
              link.disconnect();
            },
          },
        ],
      },
      ...batteryAndDeviceInformation({ percent: 50 }, 'Hearth Emulated', 'TH-1'),
    ],
  };
}

/** A PLX oximeter: continuous SpO2 and pulse rate notifications while subscribed. */
export function plxOximeter(address: string, scheduler: Scheduler, intervalMs = 1000): EmulatedPeripheral {
  let cancel: (() => void) | undefined;
  const send = (link: PeripheralLink, n: number): void => {
    link.notify(SERVICE.pulseOximeter, CHARACTERISTIC.plxContinuous, encodePlxContinuousMeasurement({ spo2: 97 + (n % 2), pulseRate: 64 + (n % 5) }));
    cancel = scheduler.after(intervalMs, () => send(link, n + 1));
  };
  return {
    id: peripheralId(address),
    address,
    connectable: true,
    rssi: -66,
    advertisement: () => ({ serviceUuids: [SERVICE.pulseOximeter], localName: 'Oximeter' }),
    services: [
      {
        uuid: SERVICE.pulseOximeter,
        characteristics: [{ uuid: CHARACTERISTIC.plxContinuous, properties: ['notify'], subscribed: (link) => send(link, 0) }],
      },
      ...batteryAndDeviceInformation({ percent: 40 }, 'Hearth Emulated', 'PO-1'),
    ],
    disconnected: () => cancel?.(),
  };
}
