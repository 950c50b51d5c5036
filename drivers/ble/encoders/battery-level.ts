import { ByteWriter } from '../codec/byte-writer.js';

/** Battery Level (0x2A19) bytes: the percentage rounded to a whole number. */
export function encodeBatteryLevel(percent: number): Uint8Array {
  return new ByteWriter().u8(Math.round(percent)).toBytes();
}
