import { DecodeError, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { ReadingCollector } from '../codec/plausible-readings.js';

const ID = '2a19';

/**
 * Battery Level (docs/protocols.md §1.10): exactly one uint8 percent; 101..255 are reserved and not
 * a reading. A longer value is not a battery level whose first byte happens to fit: it is refused.
 */
function decode(bytes: Uint8Array): DecodeResult {
  const value = new ByteReader(ID, bytes).u8('battery level');
  if (bytes.length > 1) throw new DecodeError(ID, `the battery level is one byte, got ${bytes.length}`);
  const out = new ReadingCollector();
  out.add('battery', value);
  return out.result({ value });
}

export const batteryLevelDecoder: FormatDecoder = {
  id: ID,
  description: 'Battery Level (GATT 0x2A19): device battery in %',
  decode,
};
