import { DecodeError, type DecodeOptions, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { dateTimeToUtcMs, readDateTime } from '../codec/date-time.js';
import { ReadingCollector } from '../codec/plausible-readings.js';
import { poundsToKg } from '../../../core/units.js';
import { weightFromRaw } from './weight-measurement.js';

const ID = '2a9c';
const UNKNOWN_USER = 0xff;
const MEASUREMENT_UNSUCCESSFUL = 0xffff;

/** Optional fields after the time stamp and user id, in wire order: flag bit, name, kind. */
const OPTIONAL_FIELDS = [
  [3, 'basalMetabolismKJ', 'plain'],
  [4, 'musclePercent', 'tenth'],
  [5, 'muscleMass', 'mass'],
  [6, 'fatFreeMass', 'mass'],
  [7, 'softLeanMass', 'mass'],
  [8, 'bodyWaterMass', 'mass'],
  [9, 'impedanceOhm', 'tenth'],
  [10, 'weight', 'mass'],
  [11, 'height', 'height'],
] as const;

/**
 * Body Composition Measurement (docs/protocols.md §1.6): 16-bit flags, body fat % mandatory, masses
 * at 0.005 kg / 0.01 lb. A measurement split over two indications (bit12) is decoded one packet
 * at a time; `multiplePacket` tells the caller to expect the rest.
 */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const flags = reader.u16('flags');
  const imperial = (flags & 0x01) !== 0;
  const bodyFatRaw = reader.u16('body fat percentage');
  if (bodyFatRaw === MEASUREMENT_UNSUCCESSFUL) throw new DecodeError(ID, 'body fat 0xFFFF: the scale reports the measurement as unsuccessful');
  const timestamp = (flags & 0x02) !== 0 ? readDateTime(reader, 'time stamp') : undefined;
  const userId = (flags & 0x04) !== 0 ? reader.u8('user id') : undefined;
  const optional: Record<string, number> = {};
  for (const [flagBit, name, kind] of OPTIONAL_FIELDS) {
    if (((flags >> flagBit) & 1) === 0) continue;
    const raw = reader.u16(name);
    optional[name] =
      kind === 'plain' ? raw : kind === 'tenth' ? raw / 10 : kind === 'mass' ? weightFromRaw(raw, imperial) : imperial ? raw / 10 : raw / 1000;
  }
  const fields = {
    flags,
    unit: imperial ? 'lb' : 'kg',
    bodyFatPercent: bodyFatRaw / 10,
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(userId !== undefined ? { userId } : {}),
    ...optional,
    multiplePacket: (flags & 0x1000) !== 0,
  };
  const extras = {
    ts: timestamp !== undefined ? dateTimeToUtcMs(timestamp, options?.utcOffsetMinutes) : undefined,
    userSlot: userId !== undefined && userId !== UNKNOWN_USER ? userId : undefined,
  };
  const out = new ReadingCollector();
  out.add('body_fat', fields.bodyFatPercent, extras);
  out.add('impedance', optional['impedanceOhm'], extras);
  const weight = optional['weight'];
  out.add('body_weight', weight !== undefined && imperial ? poundsToKg(weight) : weight, extras);
  return out.result(fields);
}

export const bodyCompositionMeasurementDecoder: FormatDecoder = {
  id: ID,
  description: 'Body Composition Measurement (GATT 0x2A9C): body fat %, impedance, weight and other masses',
  decode,
};
