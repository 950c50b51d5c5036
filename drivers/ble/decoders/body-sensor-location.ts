import type { DecodeResult, FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';

const ID = '2a38';

export const BODY_SENSOR_LOCATIONS: readonly string[] = ['other', 'chest', 'wrist', 'finger', 'hand', 'ear lobe', 'foot'];

/** Body Sensor Location (docs/protocols.md §1.2): where the heart-rate sensor sits; no reading. */
function decode(bytes: Uint8Array): DecodeResult {
  const value = new ByteReader(ID, bytes).u8('body sensor location');
  return { readings: [], fields: { value, location: BODY_SENSOR_LOCATIONS[value] ?? 'reserved' } };
}

export const bodySensorLocationDecoder: FormatDecoder = {
  id: ID,
  description: 'Body Sensor Location (GATT 0x2A38): where the heart-rate sensor is worn',
  decode,
};
