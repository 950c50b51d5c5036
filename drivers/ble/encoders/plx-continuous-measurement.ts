import { ByteWriter } from '../codec/byte-writer.js';
import type { Medfloat } from '../codec/ieee11073.js';

export interface SpO2PulsePair {
  readonly spo2: Medfloat;
  readonly pulseRate: Medfloat;
}

export interface PlxContinuousMeasurementInput extends SpO2PulsePair {
  readonly fast?: SpO2PulsePair;
  readonly slow?: SpO2PulsePair;
  readonly measurementStatus?: number;
  /** uint24 bitfield. */
  readonly deviceAndSensorStatus?: number;
  /** Pulse amplitude index, %. */
  readonly pulseAmplitudeIndex?: Medfloat;
}

/** PLX Continuous Measurement (0x2A5F) notification bytes. */
export function encodePlxContinuousMeasurement(input: PlxContinuousMeasurementInput): Uint8Array {
  const flags =
    (input.fast !== undefined ? 0x01 : 0) |
    (input.slow !== undefined ? 0x02 : 0) |
    (input.measurementStatus !== undefined ? 0x04 : 0) |
    (input.deviceAndSensorStatus !== undefined ? 0x08 : 0) |
    (input.pulseAmplitudeIndex !== undefined ? 0x10 : 0);
  const writer = new ByteWriter().u8(flags).sfloat(input.spo2, 1).sfloat(input.pulseRate, 1);
  for (const pair of [input.fast, input.slow]) if (pair !== undefined) writer.sfloat(pair.spo2, 1).sfloat(pair.pulseRate, 1);
  if (input.measurementStatus !== undefined) writer.u16(input.measurementStatus);
  if (input.deviceAndSensorStatus !== undefined) writer.u24(input.deviceAndSensorStatus);
  if (input.pulseAmplitudeIndex !== undefined) writer.sfloat(input.pulseAmplitudeIndex, 2);
  return writer.toBytes();
}
