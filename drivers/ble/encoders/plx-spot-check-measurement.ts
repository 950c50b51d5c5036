import { ByteWriter } from '../codec/byte-writer.js';
import { writeDateTime, type DateTimeFields } from '../codec/date-time.js';
import type { Medfloat } from '../codec/ieee11073.js';

export interface PlxSpotCheckMeasurementInput {
  readonly spo2: Medfloat;
  readonly pulseRate: Medfloat;
  /** Device local time. */
  readonly timestamp?: DateTimeFields;
  readonly measurementStatus?: number;
  /** uint24 bitfield. */
  readonly deviceAndSensorStatus?: number;
  readonly pulseAmplitudeIndex?: Medfloat;
  readonly deviceClockNotSet?: boolean;
}

/** PLX Spot-check Measurement (0x2A5E) indication bytes. */
export function encodePlxSpotCheckMeasurement(input: PlxSpotCheckMeasurementInput): Uint8Array {
  const flags =
    (input.timestamp !== undefined ? 0x01 : 0) |
    (input.measurementStatus !== undefined ? 0x02 : 0) |
    (input.deviceAndSensorStatus !== undefined ? 0x04 : 0) |
    (input.pulseAmplitudeIndex !== undefined ? 0x08 : 0) |
    (input.deviceClockNotSet === true ? 0x10 : 0);
  const writer = new ByteWriter().u8(flags).sfloat(input.spo2, 1).sfloat(input.pulseRate, 1);
  if (input.timestamp !== undefined) writeDateTime(writer, input.timestamp);
  if (input.measurementStatus !== undefined) writer.u16(input.measurementStatus);
  if (input.deviceAndSensorStatus !== undefined) writer.u24(input.deviceAndSensorStatus);
  if (input.pulseAmplitudeIndex !== undefined) writer.sfloat(input.pulseAmplitudeIndex, 2);
  return writer.toBytes();
}
