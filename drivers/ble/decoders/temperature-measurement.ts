import { DecodeError, type DecodeOptions, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { dateTimeToUtcMs, readDateTime, type DateTimeFields } from '../codec/date-time.js';
import { isMedfloatSpecial, type Medfloat } from '../codec/ieee11073.js';
import { ReadingCollector } from '../codec/plausible-readings.js';

export type TemperatureFields = {
  readonly flags: number;
  readonly unit: 'C' | 'F';
  readonly value: Medfloat;
  readonly timestamp?: DateTimeFields;
  readonly temperatureType?: number;
};

export function fahrenheitToCelsius(f: number): number {
  return ((f - 32) * 5) / 9;
}

/** The layout shared by Temperature Measurement (0x2A1C) and Intermediate Temperature (0x2A1E). */
export function readTemperatureFields(formatId: string, bytes: Uint8Array): TemperatureFields {
  const reader = new ByteReader(formatId, bytes);
  const flags = reader.u8('flags');
  const value = reader.float('temperature');
  if (isMedfloatSpecial(value)) throw new DecodeError(formatId, `temperature is the special value ${value}, no measurement`);
  const timestamp = (flags & 0x02) !== 0 ? readDateTime(reader, 'time stamp') : undefined;
  const temperatureType = (flags & 0x04) !== 0 ? reader.u8('temperature type') : undefined;
  return {
    flags,
    unit: (flags & 0x01) !== 0 ? 'F' : 'C',
    value,
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(temperatureType !== undefined ? { temperatureType } : {}),
  };
}

export function celsiusOf(fields: TemperatureFields): number | undefined {
  if (typeof fields.value !== 'number') return undefined;
  return fields.unit === 'F' ? fahrenheitToCelsius(fields.value) : fields.value;
}

const ID = '2a1c';

/** Temperature Measurement (docs/protocols.md §1.3): the thermometer's final result, in °C. */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const fields = readTemperatureFields(ID, bytes);
  const out = new ReadingCollector();
  const ts = fields.timestamp !== undefined ? dateTimeToUtcMs(fields.timestamp, options?.utcOffsetMinutes) : undefined;
  out.add('body_temperature', celsiusOf(fields), { ts });
  return out.result(fields);
}

export const temperatureMeasurementDecoder: FormatDecoder = {
  id: ID,
  description: 'Temperature Measurement (GATT 0x2A1C): final body temperature, °F converted to °C',
  decode,
};
