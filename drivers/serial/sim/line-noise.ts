import type { SimulatedProtocol } from './simulated-protocols.js';
import { randomInt } from '../../../core/seeded-random.js';

export interface LineNoiseOptions {
  /** Chance of noise before each packet. */
  readonly garbageRate: number;
  /** Largest write; writes are 1..maxChunk bytes, cutting packets anywhere. */
  readonly maxChunk: number;
}

export interface NoisyStream {
  readonly chunks: readonly Uint8Array[];
  /** How many runs of noise went in: a decoder should count exactly this many framing errors. */
  readonly noiseRuns: number;
}

/** Interleaves line noise between packets, then cuts the stream at random points. */
export function withLineNoise(
  protocol: SimulatedProtocol,
  packets: readonly Uint8Array[],
  random: () => number,
  options: LineNoiseOptions,
): NoisyStream {
  const parts: number[] = [];
  let noiseRuns = 0;
  for (const packet of packets) {
    if (random() < options.garbageRate) {
      parts.push(...protocol.garbage(random, packet));
      noiseRuns += 1;
    }
    parts.push(...packet);
  }
  const stream = Uint8Array.from(parts);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < stream.length; ) {
    const size = randomInt(random, 1, options.maxChunk);
    chunks.push(stream.subarray(offset, offset + size));
    offset += size;
  }
  return { chunks, noiseRuns };
}
