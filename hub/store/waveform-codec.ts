import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Waveform block encodings (stored in waveform_block.encoding; never renumber).
 * Integer signals (ECG in µV, pleth counts) are delta-coded, zigzagged and varint-packed, then
 * deflated when that helps; anything else falls back to deflated float64 so nothing is lost.
 */
export const WaveformEncoding = {
  DeltaVarint: 1,
  DeltaVarintDeflate: 2,
  Float64Deflate: 3,
} as const;
export type WaveformEncoding = (typeof WaveformEncoding)[keyof typeof WaveformEncoding];

export interface EncodedWaveform {
  readonly encoding: WaveformEncoding;
  readonly data: Buffer;
}

/** Beyond this the arithmetic zigzag of a delta could leave the safe-integer range. */
const MAX_INTEGER_SAMPLE = 2 ** 50;

export function encodeWaveform(samples: readonly number[]): EncodedWaveform {
  if (!samples.every((s) => Number.isInteger(s) && Math.abs(s) <= MAX_INTEGER_SAMPLE)) {
    const floats = Buffer.alloc(samples.length * 8);
    samples.forEach((s, i) => floats.writeDoubleLE(s, i * 8));
    return { encoding: WaveformEncoding.Float64Deflate, data: deflateRawSync(floats) };
  }
  const packed = packDeltas(samples);
  const deflated = deflateRawSync(packed);
  return deflated.length < packed.length
    ? { encoding: WaveformEncoding.DeltaVarintDeflate, data: deflated }
    : { encoding: WaveformEncoding.DeltaVarint, data: packed };
}

export function decodeWaveform(encoding: number, data: Uint8Array, sampleCount: number): number[] {
  switch (encoding) {
    case WaveformEncoding.DeltaVarint:
      return unpackDeltas(data, sampleCount);
    case WaveformEncoding.DeltaVarintDeflate:
      return unpackDeltas(inflateRawSync(data), sampleCount);
    case WaveformEncoding.Float64Deflate: {
      const floats = inflateRawSync(data);
      return Array.from({ length: sampleCount }, (_, i) => floats.readDoubleLE(i * 8));
    }
    default:
      throw new Error(`unknown waveform encoding ${encoding}`);
  }
}

function packDeltas(samples: readonly number[]): Buffer {
  // Worst case 8 bytes per sample for 50-bit deltas.
  const out = Buffer.alloc(samples.length * 8);
  let length = 0;
  let previous = 0;
  for (const sample of samples) {
    const delta = sample - previous;
    previous = sample;
    // Arithmetic, not bitwise: bitwise operators would truncate to 32 bits.
    let zigzag = delta >= 0 ? delta * 2 : -delta * 2 - 1;
    while (zigzag >= 0x80) {
      out[length++] = (zigzag % 0x80) | 0x80;
      zigzag = Math.floor(zigzag / 0x80);
    }
    out[length++] = zigzag;
  }
  return out.subarray(0, length);
}

function unpackDeltas(data: Uint8Array, sampleCount: number): number[] {
  const samples: number[] = new Array<number>(sampleCount);
  let offset = 0;
  let previous = 0;
  for (let i = 0; i < sampleCount; i++) {
    let zigzag = 0;
    let scale = 1;
    for (;;) {
      const byte = data[offset++];
      if (byte === undefined) throw new Error(`waveform block ends after ${i} of ${sampleCount} samples`);
      zigzag += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
    }
    const delta = zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
    previous += delta;
    samples[i] = previous;
  }
  return samples;
}
