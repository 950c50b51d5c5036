import { DecodeError, type FormatDecoder } from '../format.js';
import { ByteQueue } from './byte-queue.js';
import { FramingCounter } from './framing-counter.js';
import { OximeterReadings } from './oximeter-readings.js';
import { oximeterStatus } from './oximeter-status.js';
import type { DecodedPacket, FramingStats, SerialStreamDecoder } from './stream-decoder.js';

/**
 * Contec "Communication protocol of pulse oximeter V7.0" (docs/protocols.md §4.2): 115200 8N1,
 * packets `type (bit 7 clear) | high-byte | data…` where the high-byte carries bit 7 of each data
 * byte. Only the real-time packet 0x01 carries readings; the others are framed and skipped.
 */
export const CONTEC_V7_PACKETS_PER_SECOND = 60;
export const CONTEC_V7_REALTIME_TYPE = 0x01;
export const CONTEC_V7_KEEP_ALIVE_MS = 5000;

/** Total package length by type, from the V7.0 document (0x13/0x14 from OSCAR). */
const PACKAGE_LENGTHS: ReadonlyMap<number, number> = new Map([
  [0x01, 9], [0x02, 9], [0x03, 9], [0x04, 9], [0x05, 9], [0x06, 4], [0x07, 8], [0x08, 8],
  [0x09, 6], [0x0a, 4], [0x0b, 4], [0x0c, 2], [0x0d, 3], [0x0e, 3], [0x0f, 8], [0x10, 3],
  [0x11, 9], [0x12, 8], [0x13, 9], [0x14, 9], [0x15, 9],
]);

export function contecV7PackageLength(type: number): number | undefined {
  return PACKAGE_LENGTHS.get(type);
}

/**
 * `7D 81 <cmd> 80…`: like every data byte, the command byte goes out with bit 7 set, and the
 * high-byte 0x81 says that its real bit 7 is 1 (`7D 81 A1 80 80 80 80 80 80` starts the real-time
 * stream, as OSCAR and the Contec tools send it).
 */
export function contecV7Command(command: number): Uint8Array {
  return Uint8Array.of(0x7d, 0x80 | ((command >> 7) & 1), 0x80 | (command & 0x7f), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
}

export const CONTEC_V7_START_REALTIME = contecV7Command(0xa1);
export const CONTEC_V7_STOP_REALTIME = contecV7Command(0xa2);
/** "Inform device connected": the device stops streaming if it hears nothing for a while. */
export const CONTEC_V7_KEEP_ALIVE = contecV7Command(0xaf);

/** Applies the high-byte: returns the package with every data byte's real bit 7. */
export function restoreHighBits(wire: Uint8Array): Uint8Array {
  const real = Uint8Array.from(wire);
  const high = wire[1] ?? 0;
  for (let i = 2; i < real.length; i += 1) {
    real[i] = ((wire[i] ?? 0) & 0x7f) | (((high >> (i - 2)) & 1) << 7);
  }
  return real;
}

const PULSE_RATE_MISSING = 0xff;
const SPO2_MISSING = 0x7f;
const PI_MISSING = 0xffff;

/** Decodes a framed real-time package 0x01 (9 bytes, wire form). */
export function decodeContecV7Realtime(wire: Uint8Array): DecodedPacket {
  const [, , b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0, b8 = 0] = restoreHighBits(wire);
  const probeError = (b2 & 0x80) !== 0;
  const searchingPulse = (b3 & 0x80) !== 0;
  const searchingTooLong = (b2 & 0x10) !== 0;
  const piInvalidFlag = (b4 & 0x10) !== 0;
  const piRaw = b7 | (b8 << 8);
  const piPresent = !piInvalidFlag && piRaw !== PI_MISSING;
  const fields = {
    signalStrength: b2 & 0x0f,
    searchingTooLong,
    lowSpo2: (b2 & 0x20) !== 0,
    pulseBeep: (b2 & 0x40) !== 0,
    probeError,
    pleth: b3 & 0x7f,
    searchingPulse,
    bargraph: b4 & 0x0f,
    piInvalidFlag,
    pulseRate: b5,
    spo2: b6,
    perfusionIndexPct: piPresent ? piRaw / 100 : null,
  };
  const out = new OximeterReadings();
  if (probeError) out.report(oximeterStatus.probeOff);
  if (searchingPulse) out.report(oximeterStatus.searching);
  if (searchingTooLong) out.report(oximeterStatus.searchingTooLong);
  if (!probeError && !searchingPulse) {
    out.add('spo2', 'SpO2', b6, b6, [SPO2_MISSING, 0]);
    out.add('pulse_rate', 'pulse rate', b5, b5, [PULSE_RATE_MISSING, 0]);
    if (piPresent) out.add('perfusion_index', 'perfusion index', piRaw, piRaw / 100, [0]);
  }
  return { readings: out.readings, fields, pleth: probeError ? [] : [fields.pleth], status: out.status };
}

/** Bit 7 must be clear on the type byte and set on every other byte of the package. */
function hasV7SyncBits(bytes: Uint8Array): boolean {
  return bytes.every((byte, i) => (i === 0) === ((byte & 0x80) === 0));
}

/** Bits 5 and 6 of the bargraph byte are always clear; a cheap guard against false sync. */
function realtimeReservedBitsClear(wire: Uint8Array): boolean {
  return ((wire[4] ?? 0) & 0x60) === 0;
}

export class ContecV7StreamDecoder implements SerialStreamDecoder {
  readonly plethRateHz = CONTEC_V7_PACKETS_PER_SECOND;
  readonly packetsPerSecond = CONTEC_V7_PACKETS_PER_SECOND;
  private readonly queue = new ByteQueue();
  private readonly counter = new FramingCounter();

  push(chunk: Uint8Array): readonly DecodedPacket[] {
    this.queue.append(chunk);
    const packets: DecodedPacket[] = [];
    while (this.queue.length > 0) {
      const type = this.queue.at(0);
      const length = (type & 0x80) === 0 ? contecV7PackageLength(type) : undefined;
      if (length === undefined) {
        this.skip();
        continue;
      }
      if (this.queue.length < length) break;
      const wire = this.queue.peek(length);
      if (!hasV7SyncBits(wire) || (type === CONTEC_V7_REALTIME_TYPE && !realtimeReservedBitsClear(wire))) {
        this.skip();
        continue;
      }
      this.queue.drop(length);
      this.counter.packet();
      if (type === CONTEC_V7_REALTIME_TYPE) packets.push(decodeContecV7Realtime(wire));
    }
    return packets;
  }

  stats(): FramingStats {
    return this.counter.stats();
  }

  private skip(): void {
    this.queue.drop(1);
    this.counter.discard(1);
  }
}

export const contecV7Format: FormatDecoder = {
  id: 'contec-v7',
  description: 'Contec protocol V7.0 package (real-time 0x01 decoded; 115200 8N1)',
  decode(bytes) {
    const type = bytes[0];
    if (type === undefined) throw new DecodeError('contec-v7', 'no bytes');
    const length = contecV7PackageLength(type);
    if (length === undefined) throw new DecodeError('contec-v7', `unknown package type 0x${type.toString(16)}`);
    if (bytes.length !== length) {
      throw new DecodeError('contec-v7', `package type 0x${type.toString(16)} is ${length} bytes, got ${bytes.length}`);
    }
    if (!hasV7SyncBits(bytes)) {
      throw new DecodeError('contec-v7', 'bit 7 must be clear on the type byte and set on every other byte');
    }
    if (type !== CONTEC_V7_REALTIME_TYPE) {
      return { readings: [], fields: { type, data: Array.from(restoreHighBits(bytes).subarray(2)) } };
    }
    const packet = decodeContecV7Realtime(bytes);
    return { readings: packet.readings, fields: packet.fields, status: packet.status };
  },
};
