import { encodeBatteryLevel } from '../ble/encoders/battery-level.js';
import { BCI_PACKETS_PER_SECOND } from '../serial/berrymed-bci.js';
import { encodeBci } from '../serial/sim/oximeter-encoders.js';
import type { SimulatedPerson } from './household-profile.js';
import { simulatedDeviceIds } from './household-profile.js';
import { HeartModel, isAsleep, oxygen } from './physiology.js';
import { SeededRandom } from '../../core/seeded-random.js';
import { HOUR, MINUTE, SECOND, type SimulatedDevice, type SimulatedPacket } from './simulated-device.js';

const MAX_CATCH_UP = 10 * MINUTE;

/**
 * A BerryMed fingertip oximeter over Bluetooth: the BCI byte stream, 100 five-byte packets a
 * second, each with the pleth sample of its moment and the current SpO2 and pulse rate
 * (docs/protocols.md §3.3). Worn through the night, and through the day by a person who monitors
 * their oxygen, else for a two-minute check at five past every waking hour. Sometimes the finger
 * slips out, and the packets say so.
 */
export class SimulatedPulseOximeter implements SimulatedDevice {
  readonly id: string;
  readonly driver = 'ble-berrymed-oximeter';
  readonly name: string;
  private readonly rng: SeededRandom;
  private readonly heart: HeartModel;
  /** Beats since the oximeter was put on, so the pulse wave runs on smoothly while the rate changes. */
  private beats = 0;

  constructor(
    private readonly person: SimulatedPerson,
    seed: number,
  ) {
    this.id = simulatedDeviceIds.oximeter(person.id);
    this.name = `${person.name}'s oximeter`;
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
      const { spo2 } = oxygen(this.person, at, this.rng);
      const values = { spo2: Math.round(spo2), pulseRate: Math.round(this.heart.heartRate(at)), probeOff: slipped };
      // The second's packets, their pleth following the pulse on the device's own sample clock.
      const bytes = new Uint8Array(BCI_PACKETS_PER_SECOND * 5);
      for (let i = 0; i < BCI_PACKETS_PER_SECOND; i++) {
        this.beats = (this.beats + values.pulseRate / 60 / BCI_PACKETS_PER_SECOND) % 1;
        bytes.set(encodeBci(values, pulseWave(this.beats)), i * 5);
      }
      packets.push({ deviceId: this.id, formatId: 'berrymed-bci', framing: 'berrymed-bci', bytes, at });
    }
    return packets;
  }

  private worn(at: number): boolean {
    if (this.person.oximeterAllDay || isAsleep(this.person, at)) return true;
    const intoHour = at % HOUR;
    return intoHour >= 5 * MINUTE && intoHour < 7 * MINUTE;
  }
}

/** The pleth of one beat at `phase` (0..1): a quick rise, a dicrotic notch, 1..100 as BCI sends it. */
function pulseWave(phase: number): number {
  const wave = Math.sin(2 * Math.PI * phase) + 0.35 * Math.sin(4 * Math.PI * phase + 0.6);
  return Math.max(1, Math.min(100, Math.round(50 + 35 * wave)));
}
