import { DecodeError, type DecodeOptions, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { dateTimeToUtcMs, readDateTime } from '../codec/date-time.js';
import { ReadingCollector } from '../codec/plausible-readings.js';
import { poundsToKg } from '../../../core/units.js';

const ID = '2a9d';
const UNKNOWN_USER = 0xff;
const MEASUREMENT_UNSUCCESSFUL = 0xffff;

/** Raw weight field to its unit: always 0.005 kg or 0.01 lb a step, whatever the feature says (§1.5). */
export function weightFromRaw(raw: number, imperial: boolean): number {
  return imperial ? raw / 100 : (raw * 5) / 1000;
}

/** Weight Measurement (docs/protocols.md §1.5): weight (lb → kg), time stamp, user, BMI and height. */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const flags = reader.u8('flags');
  const imperial = (flags & 0x01) !== 0;
  const rawWeight = reader.u16('weight');
  if (rawWeight === MEASUREMENT_UNSUCCESSFUL) throw new DecodeError(ID, 'weight 0xFFFF: the scale reports the measurement as unsuccessful');
  const timestamp = (flags & 0x02) !== 0 ? readDateTime(reader, 'time stamp') : undefined;
  const userId = (flags & 0x04) !== 0 ? reader.u8('user id') : undefined;
  const bmiRaw = (flags & 0x08) !== 0 ? reader.u16('BMI') : undefined;
  const heightRaw = (flags & 0x08) !== 0 ? reader.u16('height') : undefined;

  const weight = weightFromRaw(rawWeight, imperial);
  const bmi = bmiRaw !== undefined ? bmiRaw / 10 : undefined;
  const fields = {
    flags,
    unit: imperial ? 'lb' : 'kg',
    weight,
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(userId !== undefined ? { userId } : {}),
    ...(bmi !== undefined ? { bmi } : {}),
    ...(heightRaw !== undefined ? { height: imperial ? heightRaw / 10 : heightRaw / 1000, heightUnit: imperial ? 'in' : 'm' } : {}),
  };
  const extras = {
    ts: timestamp !== undefined ? dateTimeToUtcMs(timestamp, options?.utcOffsetMinutes) : undefined,
    userSlot: userId !== undefined && userId !== UNKNOWN_USER ? userId : undefined,
  };
  const out = new ReadingCollector();
  out.add('body_weight', imperial ? poundsToKg(weight) : weight, extras);
  out.add('bmi', bmi, extras);
  return out.result(fields);
}

export const weightMeasurementDecoder: FormatDecoder = {
  id: ID,
  description: 'Weight Measurement (GATT 0x2A9D): weight at 0.005 kg / 0.01 lb (lb → kg), BMI, height, user',
  decode,
};
