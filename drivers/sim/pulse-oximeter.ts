import { encodeBatteryLevel } from '../ble/encoders/battery-level.js';
import { encodePlxContinuousMeasurement } from '../ble/encoders/plx-continuous-measurement.js';
import type { SimulatedPerson } from './household-profile.js';
import { simulatedDeviceIds } from './household-profile.js';
import { HeartModel, isAsleep, oxygen } from './physiology.js';
import { SeededRandom } from '../../core/seeded-random.js';
import { HOUR, MINUTE, SECOND, type SimulatedDevice, type SimulatedPacket } from './simulated-device.js';

const MAX_CATCH_UP = 10 * MINUTE;

/**
 * A fingertip oximeter (Pulse Oximeter profile, continuous measurement): worn through the night,
 * and for a two-minute check at five past every waking hour. Sometimes the finger slips out.
 */
export class SimulatedPulseOximeter implements SimulatedDevice {
  readonly id: string;
  readonly driver = 'ble-pulse-oximeter';
  private readonly rng: SeededRandom;
  private readonly heart: HeartModel;

  constructor(
    private readonly person: SimulatedPerson,
    seed: number,
  ) {
    this.id = simulatedDeviceIds.oximeter(person.id);
    this.rng = new SeededRandom((seed * 31) ^ person.userSlot);
    this.heart = new HeartModel(person, this.rng);
  }

  advance(from: number | undefined, to: number): SimulatedPacket[] {
    const packets: SimulatedPacket[] = [];
    const start = Math.max(from ?? to - SECOND, to - MAX_CATCH_UP);
    for (let at = (Math.floor(start / SECOND) + 1) * SECOND; at <= to; at += SECOND) {
      if (!this.worn(at)) continue;
      if (at % (10 * MINUTE) === 0) packets.push({ deviceId: this.id, formatId: '2a19', bytes: encodeBatteryLevel(72), at });
      const slipped = this.rng.chance(0.002);
      const { spo2, perfusionIndex } = oxygen(this.person, at, this.rng);
      const hr = this.heart.heartRate(at);
      const bytes = slipped
        ? encodePlxContinuousMeasurement({ spo2: 'NaN', pulseRate: 'NaN', deviceAndSensorStatus: 1 << 11 })
        : encodePlxContinuousMeasurement({
            spo2: Math.round(spo2),
            pulseRate: Math.round(hr),
            pulseAmplitudeIndex: Math.round(perfusionIndex * 10) / 10,
          });
      packets.push({ deviceId: this.id, formatId: '2a5f', bytes, at });
    }
    return packets;
  }

  private worn(at: number): boolean {
    if (isAsleep(this.person, at)) return true;
    const intoHour = at % HOUR;
    return intoHour >= 5 * MINUTE && intoHour < 7 * MINUTE;
  }
}
