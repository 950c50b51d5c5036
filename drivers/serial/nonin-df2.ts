import type { ReadingFlag } from '../../core/reading.js';
import { DecodeError, type FormatDecoder } from '../format.js';
import { ByteQueue } from './byte-queue.js';
import { FramingCounter } from './framing-counter.js';
import { OximeterReadings } from './oximeter-readings.js';
import { oximeterStatus } from './oximeter-status.js';
import type { DecodedPacket, FramingStats, SerialStreamDecoder } from './stream-decoder.js';

/**
 * Nonin serial Data Format #2 (docs/protocols.md §4.3): 5-byte frames `01 STATUS PLETH FLOAT CHK` at
 * 75/s; 25 frames, the first with the SYNC bit, make a packet whose FLOAT bytes carry the values.
 */
export const NONIN_FRAME_LENGTH = 5;
export const NONIN_FRAMES_PER_PACKET = 25;
export const NONIN_FRAMES_PER_SECOND = 75;

const STATUS = {
  always: 0x80,
  sensorDisconnected: 0x40,
  artifact: 0x20,
  outOfTrack: 0x10,
  sensorAlarm: 0x08,
  redPerfusion: 0x04,
  greenPerfusion: 0x02,
  sync: 0x01,
} as const;

const HR_MISSING = 511;
const SPO2_MISSING = 127;

export interface NoninFrame {
  readonly status: number;
  readonly sync: boolean;
  readonly pleth: number;
  readonly float: number;
}

export function isValidNoninFrame(bytes: Uint8Array): boolean {
  const [start, status = 0, pleth = 0, float = 0, check] = bytes;
  return start === 0x01 && (status & STATUS.always) !== 0 && ((start + status + pleth + float) & 0xff) === check;
}

export function decodeNoninFrame(bytes: Uint8Array): NoninFrame {
  const [, status = 0, pleth = 0, float = 0] = bytes;
  return { status, sync: (status & STATUS.sync) !== 0, pleth, float };
}

function frameFields(frame: NoninFrame): Record<string, unknown> {
  return {
    ...frame,
    sensorDisconnected: (frame.status & STATUS.sensorDisconnected) !== 0,
    artifact: (frame.status & STATUS.artifact) !== 0,
    outOfTrack: (frame.status & STATUS.outOfTrack) !== 0,
    sensorAlarm: (frame.status & STATUS.sensorAlarm) !== 0,
    redPerfusion: (frame.status & STATUS.redPerfusion) !== 0,
    greenPerfusion: (frame.status & STATUS.greenPerfusion) !== 0,
  };
}

function heartRate(msb: number, lsb: number): number {
  return ((msb & 0x03) << 7) | (lsb & 0x7f);
}

/** Decodes the 25 frames of one packet, SYNC frame first. */
export function decodeNoninPacket(frames: readonly NoninFrame[]): DecodedPacket {
  const float = (frameNumber: number): number => frames[frameNumber - 1]?.float ?? 0;
  const fields = {
    hr4beat: heartRate(float(1), float(2)),
    spo2_4beat: float(3),
    firmwareRev: float(4),
    spo2Display: float(9),
    spo2Fast: float(10),
    spo2BeatToBeat: float(11),
    hrExtended8beat: heartRate(float(14), float(15)),
    spo2Extended8beat: float(16),
    spo2ExtendedDisplay: float(17),
    hrDisplay: heartRate(float(20), float(21)),
    hrExtendedDisplay: heartRate(float(22), float(23)),
  };
  const anyStatus = frames.reduce((bits, frame) => bits | frame.status, 0);
  const has = (bit: number): boolean => (anyStatus & bit) !== 0;
  const flags: ReadingFlag[] = [];
  if (has(STATUS.artifact)) flags.push('artefact');
  if (has(STATUS.outOfTrack)) flags.push('questionable');
  if (has(STATUS.redPerfusion) && !has(STATUS.greenPerfusion)) flags.push('low_perfusion');
  const out = new OximeterReadings(flags);
  if (has(STATUS.sensorDisconnected)) out.report(oximeterStatus.probeOff);
  if (has(STATUS.sensorAlarm)) out.report(oximeterStatus.sensorAlarm);
  if (has(STATUS.outOfTrack)) out.report(oximeterStatus.outOfTrack);
  if (!has(STATUS.sensorDisconnected) && !has(STATUS.sensorAlarm)) {
    // The non-"display" values: the display ones hold the last value for 10 s after the finger leaves.
    out.add('spo2', 'SpO2', fields.spo2_4beat, fields.spo2_4beat, [SPO2_MISSING]);
    out.add('pulse_rate', 'pulse rate', fields.hr4beat, fields.hr4beat, [HR_MISSING]);
  }
  const pleth = has(STATUS.sensorDisconnected) ? [] : frames.map((frame) => frame.pleth);
  return { readings: out.readings, fields, pleth, status: out.status };
}

type Assembly = 'awaiting_sync' | 'collecting';

export class NoninDf2StreamDecoder implements SerialStreamDecoder {
  readonly plethRateHz = NONIN_FRAMES_PER_SECOND;
  readonly packetsPerSecond = NONIN_FRAMES_PER_SECOND / NONIN_FRAMES_PER_PACKET;
  private readonly queue = new ByteQueue();
  private readonly counter = new FramingCounter();
  private frames: NoninFrame[] = [];
  private assembly: Assembly = 'awaiting_sync';
  private packetCount = 0;

  push(chunk: Uint8Array): readonly DecodedPacket[] {
    this.queue.append(chunk);
    const packets: DecodedPacket[] = [];
    while (this.queue.length >= NONIN_FRAME_LENGTH) {
      const bytes = this.queue.peek(NONIN_FRAME_LENGTH);
      if (!isValidNoninFrame(bytes)) {
        this.queue.drop(1);
        this.counter.discard(1);
        this.abandonPacket();
        continue;
      }
      this.queue.drop(NONIN_FRAME_LENGTH);
      const packet = this.accept(decodeNoninFrame(bytes));
      if (packet !== undefined) packets.push(packet);
    }
    return packets;
  }

  stats(): FramingStats {
    const frames = this.counter.stats();
    return { ...frames, packets: this.packetCount };
  }

  private accept(frame: NoninFrame): DecodedPacket | undefined {
    this.counter.packet();
    if (frame.sync) {
      if (this.assembly === 'collecting' && this.frames.length > 0) this.counter.error();
      this.frames = [frame];
      this.assembly = 'collecting';
      return undefined;
    }
    if (this.assembly !== 'collecting') return undefined;
    this.frames.push(frame);
    if (this.frames.length < NONIN_FRAMES_PER_PACKET) return undefined;
    const packet = decodeNoninPacket(this.frames);
    this.frames = [];
    this.assembly = 'awaiting_sync';
    this.packetCount += 1;
    return packet;
  }

  private abandonPacket(): void {
    if (this.frames.length > 0) this.counter.error();
    this.frames = [];
    this.assembly = 'awaiting_sync';
  }
}

export const noninDf2Format: FormatDecoder = {
  id: 'nonin-df2',
  description: 'Nonin serial Data Format #2: one 5-byte frame or a whole 25-frame packet (9600 8N1)',
  decode(bytes) {
    if (bytes.length !== NONIN_FRAME_LENGTH && bytes.length !== NONIN_FRAME_LENGTH * NONIN_FRAMES_PER_PACKET) {
      throw new DecodeError('nonin-df2', `give one 5-byte frame or a 125-byte packet, got ${bytes.length} bytes`);
    }
    const frames: NoninFrame[] = [];
    for (let offset = 0; offset < bytes.length; offset += NONIN_FRAME_LENGTH) {
      const frameBytes = bytes.subarray(offset, offset + NONIN_FRAME_LENGTH);
      if (!isValidNoninFrame(frameBytes)) {
        throw new DecodeError('nonin-df2', `frame at byte ${offset} is not 01, STATUS with bit 7, PLETH, FLOAT and a matching checksum`);
      }
      frames.push(decodeNoninFrame(frameBytes));
    }
    const [first] = frames;
    if (frames.length === 1 && first !== undefined) return { readings: [], fields: frameFields(first) };
    if (first?.sync !== true || frames.slice(1).some((frame) => frame.sync)) {
      throw new DecodeError('nonin-df2', 'a packet starts with the one frame that has the SYNC bit');
    }
    const packet = decodeNoninPacket(frames);
    return { readings: packet.readings, fields: packet.fields, status: packet.status };
  },
};
