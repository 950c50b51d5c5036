import { ByteWriter } from '../codec/byte-writer.js';
import { writeDateTime, type DateTimeFields } from '../codec/date-time.js';
import type { Medfloat } from '../codec/ieee11073.js';

export interface TemperatureMeasurementInput {
  /** In `unit`; a special ('NaN', …) to emulate a faulty probe. */
  readonly value: Medfloat;
  readonly unit?: 'C' | 'F';
  /** Device local time. */
  readonly timestamp?: DateTimeFields;
  /** 1 armpit, 2 body, 3 ear, 4 finger, 5 GI tract, 6 mouth, 7 rectum, 8 toe, 9 tympanum. */
  readonly temperatureType?: number;
}

/** Temperature Measurement (0x2A1C) and Intermediate Temperature (0x2A1E) bytes (same layout). */
export function encodeTemperatureMeasurement(input: TemperatureMeasurementInput): Uint8Array {
  const flags =
    (input.unit === 'F' ? 0x01 : 0) | (input.timestamp !== undefined ? 0x02 : 0) | (input.temperatureType !== undefined ? 0x04 : 0);
  const writer = new ByteWriter().u8(flags).float(input.value, 2);
  if (input.timestamp !== undefined) writeDateTime(writer, input.timestamp);
  if (input.temperatureType !== undefined) writer.u8(input.temperatureType);
  return writer.toBytes();
}
