import { DecodeError, type DecodeOptions, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { readDateTime } from '../codec/date-time.js';
import { miScaleTimestamp, miScaleWeight, miScaleWeightKg, type MiScaleUnit } from '../codec/mi-scale.js';
import { ReadingCollector } from '../codec/plausible-readings.js';

const ID = 'miscale-v1';
const LENGTH = 10;

/**
 * Xiaomi Mi Smart Scale v1 advertisement (service data 0x181D, docs/protocols.md §3.1). A weight is
 * a reading only once the scale says it is stable and the person is still on it.
 */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  if (bytes.length !== LENGTH) throw new DecodeError(ID, `expected exactly ${LENGTH} bytes of service data, got ${bytes.length}`);
  const reader = new ByteReader(ID, bytes);
  const control = reader.u8('control');
  const rawWeight = reader.u16('weight');
  // The scale's clock travels in the GATT Date Time layout.
  const timestamp = readDateTime(reader, 'timestamp');
  const unit: MiScaleUnit = (control & 0x01) !== 0 ? 'lb' : (control & 0x10) !== 0 ? 'jin' : 'kg';
  const stabilized = (control & 0x20) !== 0;
  const loadRemoved = (control & 0x80) !== 0;
  const weight = miScaleWeight(rawWeight, unit);
  const fields = { control, unit, weight, stabilized, loadRemoved, timestamp };
  const out = new ReadingCollector();
  if (!stabilized || loadRemoved || rawWeight === 0) {
    out.report('not_stable', loadRemoved ? 'the person stepped off the scale' : 'weight not yet stable');
    return out.result(fields);
  }
  out.add('body_weight', miScaleWeightKg(weight, unit), { ts: miScaleTimestamp(timestamp, options?.utcOffsetMinutes) });
  return out.result(fields);
}

export const miScaleV1Decoder: FormatDecoder = {
  id: ID,
  description: 'Xiaomi Mi Smart Scale v1 advertisement (service data 0x181D): stabilized weight',
  decode,
};
