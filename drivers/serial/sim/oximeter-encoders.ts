import type { OximeterSecond } from './oximeter-values.js';

/** Byte encoders for the simulated oximeters: the inverse of the decoders, from docs/protocols.md §3.3, §4. */

export function encodeContecLegacyLive(values: OximeterSecond, pleth: number): Uint8Array {
  const pulseRate = values.probeOff === true ? 255 : values.pulseRate;
  const spo2 = values.probeOff === true ? 127 : values.spo2;
  const probeError = values.probeOff === true ? 0x10 : 0;
  return Uint8Array.of(0x80 | 0x45, pleth & 0x7f, 0x07 | probeError | ((pulseRate & 0x80) >> 1), pulseRate & 0x7f, spo2 & 0x7f);
}

export function encodeBci(values: OximeterSecond, pleth: number): Uint8Array {
  const pulseRate = values.probeOff === true ? 255 : values.pulseRate;
  const spo2 = values.probeOff === true ? 127 : values.spo2;
  const noFinger = values.probeOff === true ? 0x10 : 0;
  const wave = values.probeOff === true ? 0 : pleth & 0x7f;
  return Uint8Array.of(0x80 | 0x46, wave, 0x05 | noFinger | ((pulseRate & 0x80) >> 1), pulseRate & 0x7f, spo2 & 0x7f);
}

/** Builds a V7 package from its real bytes: bit 7 of each data byte moves into the high-byte. */
export function encodeContecV7Package(real: readonly number[]): Uint8Array {
  const [type = 0, , ...data] = real;
  let high = 0x80;
  const wire = data.map((byte, i) => {
    if ((byte & 0x80) !== 0) high |= 1 << i;
    return 0x80 | (byte & 0x7f);
  });
  return Uint8Array.of(type & 0x7f, high, ...wire);
}

export function encodeContecV7Realtime(values: OximeterSecond, pleth: number): Uint8Array {
  const probeOff = values.probeOff === true;
  const pi = values.perfusionIndex === undefined || probeOff ? 0xffff : Math.round(values.perfusionIndex * 100);
  const piInvalid = pi === 0xffff ? 0x10 : 0;
  return encodeContecV7Package([
    0x01,
    0,
    (probeOff ? 0x80 : 0) | 0x45,
    probeOff ? 0x40 : pleth & 0x7f,
    0x07 | piInvalid,
    probeOff ? 0xff : values.pulseRate,
    probeOff ? 0x7f : values.spo2,
    pi & 0xff,
    (pi >> 8) & 0xff,
  ]);
}

function noninFrame(status: number, pleth: number, float: number): number[] {
  const check = (0x01 + status + pleth + float) & 0xff;
  return [0x01, status, pleth & 0xff, float & 0xff, check];
}

/** One DF#2 packet: 25 frames, SYNC on the first, the values in the FLOAT bytes (pufferfish table). */
export function encodeNoninPacket(values: OximeterSecond, pleth: readonly number[]): Uint8Array {
  const probeOff = values.probeOff === true;
  const hr = probeOff ? 511 : values.pulseRate;
  const spo2 = probeOff ? 127 : values.spo2;
  const floats = new Array<number>(25).fill(0);
  const hrMsb = (hr >> 7) & 0x03;
  const hrLsb = hr & 0x7f;
  const set = (frameNumber: number, value: number): void => {
    floats[frameNumber - 1] = value;
  };
  set(1, hrMsb); set(2, hrLsb); set(3, spo2); set(4, 48); set(9, spo2); set(10, spo2); set(11, spo2);
  set(14, hrMsb); set(15, hrLsb); set(16, spo2); set(17, spo2);
  set(20, hrMsb); set(21, hrLsb); set(22, hrMsb); set(23, hrLsb);
  const baseStatus = 0x80 | (probeOff ? 0x40 : 0);
  const frames = floats.flatMap((float, i) => noninFrame(baseStatus | (i === 0 ? 0x01 : 0), pleth[i] ?? 0, float));
  return Uint8Array.from(frames);
}

/** A legacy download: three `F2 80 00` preambles, the length, then one triplet per second. */
export function encodeContecLegacyRecording(points: readonly { pulseRate: number; spo2: number }[]): Uint8Array {
  const byteCount = points.length * 3 - 1;
  const length = [0x80 | ((byteCount >> 14) & 0x7f), 0x80 | ((byteCount >> 7) & 0x7f), byteCount & 0x7f];
  const triplets = points.flatMap((p) => [0xf0 | ((p.pulseRate >> 7) & 1), 0x80 | (p.pulseRate & 0x7f), p.spo2 & 0x7f]);
  return Uint8Array.from([0xf2, 0x80, 0x00, 0xf2, 0x80, 0x00, 0xf2, 0x80, 0x00, ...length, ...triplets]);
}
