import { isValidNoninFrame } from '../nonin-df2.js';
import { encodeBci, encodeContecLegacyLive, encodeContecV7Realtime, encodeNoninPacket } from './oximeter-encoders.js';
import { plethAt, type OximeterSecond } from './oximeter-values.js';
import { randomInt } from '../../../core/seeded-random.js';

/** A protocol as the simulator speaks it. */
export interface SimulatedProtocol {
  /** The driver / format id. */
  readonly id: string;
  readonly packetsPerSecond: number;
  readonly samplesPerPacket: number;
  /** Whether the protocol carries a perfusion index the decoder will report. */
  readonly carriesPerfusionIndex: boolean;
  encodePacket(values: OximeterSecond, pleth: readonly number[]): Uint8Array;
  /**
   * Line noise to put between two packets: random bytes that, even together with the start of
   * `next`, never frame as a packet, so a correct decoder loses nothing but the noise.
   */
  garbage(random: () => number, next: Uint8Array): Uint8Array;
}

function randomBytes(random: () => number, count: number, pick: (random: () => number) => number): Uint8Array {
  return Uint8Array.from({ length: count }, () => pick(random));
}

/** Shorter than a packet, so any window starting in it reaches the next packet's sync byte. */
function syncBitGarbage(random: () => number, packetLength: number): Uint8Array {
  return randomBytes(random, randomInt(random, 1, packetLength - 1), (r) => randomInt(r, 0, 255));
}

export const simulatedContecLegacy: SimulatedProtocol = {
  id: 'contec-legacy',
  packetsPerSecond: 60,
  samplesPerPacket: 1,
  carriesPerfusionIndex: false,
  encodePacket: (values, pleth) => encodeContecLegacyLive(values, pleth[0] ?? 0),
  garbage: (random) => syncBitGarbage(random, 5),
};

export const simulatedBerryMedBci: SimulatedProtocol = {
  id: 'berrymed-bci',
  packetsPerSecond: 100,
  samplesPerPacket: 1,
  carriesPerfusionIndex: false,
  encodePacket: (values, pleth) => encodeBci(values, pleth[0] ?? 0),
  garbage: (random) => syncBitGarbage(random, 5),
};

export const simulatedContecV7: SimulatedProtocol = {
  id: 'contec-v7',
  packetsPerSecond: 60,
  samplesPerPacket: 1,
  carriesPerfusionIndex: true,
  encodePacket: (values, pleth) => encodeContecV7Realtime(values, pleth[0] ?? 0),
  garbage(random) {
    // Either a real-time package cut short (the next type byte ends it), or bytes no package starts with.
    if (random() < 0.5) {
      return Uint8Array.from([0x01, ...randomBytes(random, randomInt(random, 0, 7), (r) => randomInt(r, 0x80, 0xff))]);
    }
    return randomBytes(random, randomInt(random, 1, 8), (r) => (r() < 0.5 ? randomInt(r, 0x80, 0xff) : randomInt(r, 0x16, 0x7f)));
  },
};

export const simulatedNoninDf2: SimulatedProtocol = {
  id: 'nonin-df2',
  packetsPerSecond: 3,
  samplesPerPacket: 25,
  carriesPerfusionIndex: false,
  encodePacket: encodeNoninPacket,
  garbage(random, next) {
    // Redraw the rare noise that, with the next frame's first bytes, passes the frame checksum.
    for (;;) {
      const noise = randomBytes(random, randomInt(random, 1, 4), (r) => randomInt(r, 0, 255));
      const joined = Uint8Array.from([...noise, ...next.subarray(0, 5)]);
      const frames = noise.some((_, i) => isValidNoninFrame(joined.subarray(i, i + 5)));
      if (!frames) return noise;
    }
  },
};

export const simulatedProtocols: readonly SimulatedProtocol[] = [
  simulatedContecLegacy,
  simulatedContecV7,
  simulatedNoninDf2,
  simulatedBerryMedBci,
];

/**
 * The packets a protocol sends for the given seconds, in order; pleth runs on across seconds.
 * `firstSecond` continues the wave of an earlier call (a player sending one second at a time).
 */
export function simulatePackets(protocol: SimulatedProtocol, seconds: readonly OximeterSecond[], firstSecond = 0): Uint8Array[] {
  const rate = protocol.packetsPerSecond * protocol.samplesPerPacket;
  const packets: Uint8Array[] = [];
  let sample = firstSecond * rate;
  for (const values of seconds) {
    for (let p = 0; p < protocol.packetsPerSecond; p += 1) {
      const pleth = Array.from({ length: protocol.samplesPerPacket }, () => plethAt(sample++ / rate, values.pulseRate));
      packets.push(protocol.encodePacket(values, pleth));
    }
  }
  return packets;
}

/** The pleth samples `simulatePackets` puts on the wire for the given seconds. */
export function simulatedPleth(protocol: SimulatedProtocol, seconds: readonly OximeterSecond[]): number[][] {
  const rate = protocol.packetsPerSecond * protocol.samplesPerPacket;
  let sample = 0;
  return seconds.map((values) => Array.from({ length: rate }, () => plethAt(sample++ / rate, values.pulseRate)));
}
