import type { DecodeOptions, DecodeResult, FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { dateTimeToUtcMs, readDateTime } from '../codec/date-time.js';

const ID = '2a2b';

/**
 * Current Time (docs/protocols.md §0.3): the device's clock, no reading. `deviceTs` is that clock in
 * UTC ms (the device's UTC offset, else the hub's zone), so the hub can tell how far it drifts.
 */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const time = readDateTime(reader, 'date time');
  const dayOfWeek = reader.u8('day of week');
  const fractions256 = reader.u8('fractions256');
  const adjustReason = reader.u8('adjust reason');
  const ts = dateTimeToUtcMs(time, options?.utcOffsetMinutes);
  const deviceTs = ts === undefined ? undefined : ts + Math.round((fractions256 * 1000) / 256);
  return {
    readings: [],
    fields: { ...time, dayOfWeek, fractions256, adjustReason, ...(deviceTs !== undefined ? { deviceTs } : {}) },
  };
}

export const currentTimeDecoder: FormatDecoder = {
  id: ID,
  description: 'Current Time (GATT 0x2A2B): the device clock and why it was last adjusted',
  decode,
};
