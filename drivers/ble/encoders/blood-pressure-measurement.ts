import { ByteWriter } from '../codec/byte-writer.js';
import { writeDateTime, type DateTimeFields } from '../codec/date-time.js';
import type { Medfloat } from '../codec/ieee11073.js';

export interface BloodPressureMeasurementInput {
  readonly unit?: 'mmHg' | 'kPa';
  readonly systolic: Medfloat;
  readonly diastolic: Medfloat;
  /** Absent: sent as NaN, as monitors that do not compute MAP do. */
  readonly map?: Medfloat;
  /** Device local time. */
  readonly timestamp?: DateTimeFields;
  readonly pulseRate?: Medfloat;
  /** 0xFF = unknown user. */
  readonly userId?: number;
  /** Measurement status bitfield (body movement, cuff loose, irregular pulse, …). */
  readonly status?: number;
}

/** Blood Pressure Measurement (0x2A35) indication bytes (also Intermediate Cuff Pressure 0x2A36). */
export function encodeBloodPressureMeasurement(input: BloodPressureMeasurementInput): Uint8Array {
  const decimals = input.unit === 'kPa' ? 2 : 1;
  const flags =
    (input.unit === 'kPa' ? 0x01 : 0) |
    (input.timestamp !== undefined ? 0x02 : 0) |
    (input.pulseRate !== undefined ? 0x04 : 0) |
    (input.userId !== undefined ? 0x08 : 0) |
    (input.status !== undefined ? 0x10 : 0);
  const writer = new ByteWriter()
    .u8(flags)
    .sfloat(input.systolic, decimals)
    .sfloat(input.diastolic, decimals)
    .sfloat(input.map ?? 'NaN', decimals);
  if (input.timestamp !== undefined) writeDateTime(writer, input.timestamp);
  if (input.pulseRate !== undefined) writer.sfloat(input.pulseRate, 1);
  if (input.userId !== undefined) writer.u8(input.userId);
  if (input.status !== undefined) writer.u16(input.status);
  return writer.toBytes();
}
