import { encodeBatteryLevel } from '../ble/encoders/battery-level.js';
import { encodeHeartRateMeasurement } from '../ble/encoders/heart-rate-measurement.js';
import type { SimulatedPerson } from './household-profile.js';
import { simulatedDeviceIds } from './household-profile.js';
import { HeartModel, hourOfDay } from './physiology.js';
import { SeededRandom } from '../../core/seeded-random.js';
import { MINUTE, SECOND, type SimulatedDevice, type SimulatedPacket } from './simulated-device.js';

/** A strap streams live only: after a long gap it sends from now on, it has no memory. */
const MAX_CATCH_UP = 10 * MINUTE;

/**
 * A chest strap (Heart Rate profile): one notification a second with heart rate and the RR
 * intervals of the beats in it. Taken off for the morning shower; loses skin contact now and then.
 */
export class SimulatedHeartRateStrap implements SimulatedDevice {
  readonly id: string;
  readonly driver = 'ble-heart-rate';
  private readonly heart: HeartModel;
  private readonly rng: SeededRandom;
  private energyKJ = 0;

  constructor(
    private readonly person: SimulatedPerson,
    seed: number,
  ) {
    this.id = simulatedDeviceIds.strap(person.id);
    this.rng = new SeededRandom(seed ^ person.userSlot);
    this.heart = new HeartModel(person, this.rng);
  }

  advance(from: number | undefined, to: number): SimulatedPacket[] {
    const packets: SimulatedPacket[] = [];
    const start = Math.max(from ?? to - SECOND, to - MAX_CATCH_UP);
    for (let at = (Math.floor(start / SECOND) + 1) * SECOND; at <= to; at += SECOND) {
      if (at % (10 * MINUTE) === 0) {
        packets.push({ deviceId: this.id, formatId: '2a19', bytes: encodeBatteryLevel(this.batteryAt(at)), at });
      }
      if (this.inShower(at)) continue;
      const hr = this.heart.heartRate(at);
      const contact = !this.rng.chance(0.003);
      this.energyKJ = Math.min(0xffff, this.energyKJ + hr / 600);
      const bytes = encodeHeartRateMeasurement({
        heartRate: Math.round(hr),
        sensorContact: contact,
        energyExpendedKJ: Math.floor(this.energyKJ),
        rrIntervalsMs: contact ? this.heart.rrIntervals(at, hr) : [],
      });
      packets.push({ deviceId: this.id, formatId: '2a37', bytes, at });
    }
    return packets;
  }

  private inShower(at: number): boolean {
    const h = hourOfDay(at);
    const start = this.person.wakeHour + 0.5;
    return h >= start && h < start + 0.25;
  }

  /** Charged every night at 03:00, about 4 % a day. */
  private batteryAt(at: number): number {
    const sinceCharge = (hourOfDay(at) + 21) % 24;
    return Math.round(100 - (sinceCharge / 24) * 4);
  }
}
