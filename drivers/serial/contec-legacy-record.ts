import { DecodeError, type DecodedReading, type DeviceStatusReport, type FormatDecoder } from '../format.js';
import { ByteQueue } from './byte-queue.js';
import { FramingCounter } from './framing-counter.js';
import { OximeterReadings } from './oximeter-readings.js';
import type { FramingStats } from './stream-decoder.js';

/**
 * Download of the session a Contec CMS50D+ legacy device recorded (docs/protocols.md §4.1): after
 * `F5 F5` it answers three `F2 80 00` preamble triplets, a 3-byte length, then one
 * `[F0|PR bit7] [80|PR bits 0-6] [SpO2]` triplet per second. The device has no clock, so the
 * caller supplies the session's start time.
 */
export const CONTEC_LEGACY_DOWNLOAD_COMMAND = Uint8Array.of(0xf5, 0xf5);
export const CONTEC_LEGACY_LIVE_COMMAND = Uint8Array.of(0xf6, 0xf6, 0xf6);

const PREAMBLE = [0xf2, 0x80, 0x00] as const;
const PREAMBLE_REPEATS = 3;
const SECOND_MS = 1000;

export interface RecordedPoint {
  readonly pulseRate: number;
  readonly spo2: number;
}

export function isRecordTriplet(bytes: Uint8Array): boolean {
  const [a = 0, b = 0, c = 0x80] = bytes;
  return (a & 0xfe) === 0xf0 && (b & 0x80) !== 0 && (c & 0x80) === 0;
}

export function decodeRecordTriplet(bytes: Uint8Array): RecordedPoint {
  const [a = 0, b = 0, c = 0] = bytes;
  return { pulseRate: ((a & 0x01) << 7) | (b & 0x7f), spo2: c & 0x7f };
}

function pointReadings(point: RecordedPoint, ts: number | undefined): { readings: DecodedReading[]; status: DeviceStatusReport[] } {
  const out = new OximeterReadings(['from_device_storage']);
  out.add('spo2', 'recorded SpO2', point.spo2, point.spo2, [0, 127]);
  out.add('pulse_rate', 'recorded pulse rate', point.pulseRate, point.pulseRate, [0, 255]);
  const readings = ts === undefined ? out.readings : out.readings.map((r) => ({ ...r, ts }));
  return { readings, status: out.status };
}

export interface RecordingChunkResult {
  readonly readings: readonly DecodedReading[];
  readonly status: readonly DeviceStatusReport[];
}

type Phase = 'preamble' | 'length' | 'data' | 'done';

/** Decodes a download as it streams in; `done` turns true once the announced length has arrived. */
export class ContecLegacyRecordingDecoder {
  private readonly queue = new ByteQueue();
  private readonly counter = new FramingCounter();
  private phase: Phase = 'preamble';
  private preamblesSeen = 0;
  private remainingTriplets = 0;
  private secondIndex = 0;
  private announced: number | undefined;

  constructor(private readonly sessionStart: number) {}

  get done(): boolean {
    return this.phase === 'done';
  }

  /** Seconds the device announced; undefined until the length has arrived. */
  get announcedSeconds(): number | undefined {
    return this.announced;
  }

  push(chunk: Uint8Array): RecordingChunkResult {
    this.queue.append(chunk);
    const readings: DecodedReading[] = [];
    const status: DeviceStatusReport[] = [];
    for (;;) {
      if (this.phase === 'preamble') {
        if (!this.readPreamble()) break;
      } else if (this.phase === 'length') {
        if (!this.readLength()) break;
      } else if (this.phase === 'data') {
        if (this.queue.length < 3) break;
        const triplet = this.queue.peek(3);
        if (!isRecordTriplet(triplet)) {
          // A lost byte shifts every later second; skip to the next plausible triplet start.
          this.queue.drop(1);
          this.counter.discard(1);
          continue;
        }
        this.queue.drop(3);
        this.counter.packet();
        const decoded = pointReadings(decodeRecordTriplet(triplet), this.sessionStart + this.secondIndex * SECOND_MS);
        readings.push(...decoded.readings);
        status.push(...decoded.status);
        this.secondIndex += 1;
        this.remainingTriplets -= 1;
        if (this.remainingTriplets <= 0) this.phase = 'done';
      } else {
        break;
      }
    }
    return { readings, status };
  }

  stats(): FramingStats {
    return this.counter.stats();
  }

  private readPreamble(): boolean {
    while (this.queue.length >= 3) {
      const matches = PREAMBLE.every((byte, i) => this.queue.at(i) === byte);
      if (matches) {
        this.queue.drop(3);
        this.preamblesSeen += 1;
        if (this.preamblesSeen === PREAMBLE_REPEATS) {
          this.phase = 'length';
          return true;
        }
      } else {
        // Live packets still in flight before the device switched to download mode.
        this.queue.drop(1);
        this.counter.discard(1);
      }
    }
    return false;
  }

  private readLength(): boolean {
    if (this.queue.length < 3) return false;
    const a = this.queue.at(0);
    const b = this.queue.at(1);
    const c = this.queue.at(2);
    this.queue.drop(3);
    if ((a & 0x80) === 0 || (b & 0x80) === 0 || (c & 0x80) !== 0) {
      this.counter.reject(3);
      this.phase = 'preamble';
      this.preamblesSeen = 0;
      return true;
    }
    const byteCount = (((a & 0x7f) << 14) | ((b & 0x7f) << 7) | c) + 1;
    this.remainingTriplets = Math.floor(byteCount / 3);
    this.announced = this.remainingTriplets;
    this.phase = this.remainingTriplets > 0 ? 'data' : 'done';
    return true;
  }
}

export const contecLegacyRecordFormat: FormatDecoder = {
  id: 'contec-legacy-record',
  description: 'Contec CMS50D+/E legacy recorded data: one or more 3-byte triplets, one per second',
  decode(bytes) {
    if (bytes.length === 0 || bytes.length % 3 !== 0) {
      throw new DecodeError('contec-legacy-record', `recorded data come in 3-byte triplets, got ${bytes.length} bytes`);
    }
    const points: RecordedPoint[] = [];
    const readings: DecodedReading[] = [];
    const status: DeviceStatusReport[] = [];
    for (let offset = 0; offset < bytes.length; offset += 3) {
      const triplet = bytes.subarray(offset, offset + 3);
      if (!isRecordTriplet(triplet)) {
        throw new DecodeError('contec-legacy-record', `triplet at byte ${offset} is not [F0|F1] [80..FF] [00..7F]`);
      }
      const point = decodeRecordTriplet(triplet);
      points.push(point);
      const decoded = pointReadings(point, undefined);
      readings.push(...decoded.readings);
      status.push(...decoded.status);
    }
    const fields = points.length === 1 && points[0] !== undefined ? { ...points[0] } : { points };
    return { readings, fields, status };
  },
};
