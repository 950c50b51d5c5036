import { encodeBatteryLevel } from '../ble/encoders/battery-level.js';
import { encodeHeartRateMeasurement } from '../ble/encoders/heart-rate-measurement.js';
import { POLAR_ECG_RATE_HZ, polarEcgFrame } from '../ble/emulation/proprietary-devices.js';
import { EcgSynthesizer } from './ecg-waveform.js';
import type { SimulatedPerson } from './household-profile.js';
import { simulatedDeviceIds } from './household-profile.js';
import { HeartModel, hourOfDay } from './physiology.js';
import { SeededRandom } from '../../core/seeded-random.js';
import { MINUTE, SECOND, type SimulatedDevice, type SimulatedPacket } from './simulated-device.js';

/** A strap streams live only: after a long gap it sends from now on, it has no memory. */
const MAX_CATCH_UP = 10 * MINUTE;
/** Samples in one PMD ECG frame, as the H10 sends them (docs/protocols.md §3.2). */
const ECG_FRAME_SAMPLES = 73;
const MS_PER_ECG_SAMPLE = 1000 / POLAR_ECG_RATE_HZ;

/**
 * A Polar H10 chest strap: one Heart Rate Measurement a second with heart rate and the RR
 * intervals of the beats in it, and the ECG the hub starts on connecting, as PMD data frames of
 * 73 samples at 130 Hz. Worn all day and night (a demo that goes quiet at some hour of the day
 * would show an empty household to whoever opens it then); loses skin contact now and then.
 */
export class SimulatedHeartRateStrap implements SimulatedDevice {
  readonly id: string;
  readonly driver = 'ble-polar-h10';
  readonly name: string;
  private readonly heart: HeartModel;
  private readonly rng: SeededRandom;
  private readonly ecg: EcgSynthesizer;
  private energyKJ = 0;
  /** Index (since the epoch, at 130 Hz) of the next ECG sample to send, while the strap is worn. */
  private nextEcgSample: number | undefined;
  private ecgFrame: number[] = [];

  constructor(person: SimulatedPerson, seed: number) {
    this.id = simulatedDeviceIds.strap(person.id);
    this.name = `${person.name}'s chest strap`;
    this.rng = new SeededRandom(seed ^ person.userSlot);
    this.heart = new HeartModel(person, this.rng);
    this.ecg = new EcgSynthesizer(POLAR_ECG_RATE_HZ, new SeededRandom((seed * 7) ^ person.userSlot));
  }

  advance(from: number | undefined, to: number): SimulatedPacket[] {
    const packets: SimulatedPacket[] = [];
    const start = Math.max(from ?? to - SECOND, to - MAX_CATCH_UP);
    for (let at = (Math.floor(start / SECOND) + 1) * SECOND; at <= to; at += SECOND) {
      if (at % (10 * MINUTE) === 0) {
        packets.push({ deviceId: this.id, formatId: '2a19', bytes: encodeBatteryLevel(this.batteryAt(at)), at });
      }
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
      packets.push(...this.ecgFrames(at, hr));
    }
    return packets;
  }

  /** The ECG frames whose last sample falls in the second ending at `at`. */
  private ecgFrames(at: number, heartRate: number): SimulatedPacket[] {
    const first = Math.floor((at - SECOND) / MS_PER_ECG_SAMPLE) + 1;
    const last = Math.floor(at / MS_PER_ECG_SAMPLE);
    let next = this.nextEcgSample;
    if (next === undefined || next < first || next > first + ECG_FRAME_SAMPLES) {
      // Put on again, first connected, or the clock moved: the stream starts with a whole frame.
      next = Math.ceil(first / ECG_FRAME_SAMPLES) * ECG_FRAME_SAMPLES;
      this.ecgFrame = [];
    }
    const frames: SimulatedPacket[] = [];
    for (let k = next; k <= last; k++) {
      const ts = k * MS_PER_ECG_SAMPLE;
      this.ecgFrame.push(this.ecg.next(ts, heartRate));
      if (this.ecgFrame.length === ECG_FRAME_SAMPLES) {
        frames.push({ deviceId: this.id, formatId: 'polar-pmd-ecg', bytes: polarEcgFrame(ts, this.ecgFrame), at: Math.min(at, Math.round(ts)) });
        this.ecgFrame = [];
      }
    }
    this.nextEcgSample = Math.max(next, last + 1);
    return frames;
  }

  /** Charged every night at 03:00, about 4 % a day. */
  private batteryAt(at: number): number {
    const sinceCharge = (hourOfDay(at) + 21) % 24;
    return Math.round(100 - (sinceCharge / 24) * 4);
  }
}
