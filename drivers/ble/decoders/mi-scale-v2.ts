import { DecodeError, type DecodeOptions, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { readDateTime } from '../codec/date-time.js';
import { miScaleTimestamp, miScaleWeight, miScaleWeightKg, type MiScaleUnit } from '../codec/mi-scale.js';
import { ReadingCollector } from '../codec/plausible-readings.js';

const ID = 'miscale-v2';
const LENGTH = 13;

/**
 * Xiaomi Mi Body Composition Scale v2 advertisement (service data 0x181B, docs/protocols.md §3.1):
 * weight once stable with the person still on; impedance only when the scale also marks it present.
 */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  if (bytes.length !== LENGTH) throw new DecodeError(ID, `expected exactly ${LENGTH} bytes of service data, got ${bytes.length}`);
  const reader = new ByteReader(ID, bytes);
  const control0 = reader.u8('control 0');
  const control1 = reader.u8('control 1');
  // The scale's clock travels in the GATT Date Time layout.
  const timestamp = readDateTime(reader, 'timestamp');
  const impedanceOhm = reader.u16('impedance');
  const rawWeight = reader.u16('weight');
  const unit: MiScaleUnit = (control0 & 0x01) !== 0 ? 'lb' : (control1 & 0x40) !== 0 ? 'jin' : 'kg';
  const impedancePresent = (control1 & 0x02) !== 0;
  const stabilized = (control1 & 0x20) !== 0;
  const loadRemoved = (control1 & 0x80) !== 0;
  const weight = miScaleWeight(rawWeight, unit);
  const fields = { control0, control1, unit, weight, impedanceOhm, impedancePresent, stabilized, loadRemoved, timestamp };
  const out = new ReadingCollector();
  if (!stabilized || loadRemoved || rawWeight === 0) {
    out.report('not_stable', loadRemoved ? 'the person stepped off the scale' : 'weight not yet stable');
    return out.result(fields);
  }
  const ts = miScaleTimestamp(timestamp, options?.utcOffsetMinutes);
  out.add('body_weight', miScaleWeightKg(weight, unit), { ts });
  if (impedancePresent && impedanceOhm > 0) out.add('impedance', impedanceOhm, { ts });
  return out.result(fields);
}

export const miScaleV2Decoder: FormatDecoder = {
  id: ID,
  description: 'Xiaomi Mi Body Composition Scale v2 advertisement (service data 0x181B): weight and impedance',
  decode,
};
