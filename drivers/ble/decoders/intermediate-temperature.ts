import type { DecodeResult, FormatDecoder } from '../../format.js';
import { celsiusOf, readTemperatureFields } from './temperature-measurement.js';

const ID = '2a1e';

/**
 * Intermediate Temperature (0x2A1E): values while the thermometer is still measuring. They are
 * never emitted as readings, so a climbing preliminary value can neither be stored nor trip an
 * alert; the live value is in `fields.celsius` and a status says the measurement is ongoing.
 */
function decode(bytes: Uint8Array): DecodeResult {
  const fields = readTemperatureFields(ID, bytes);
  return {
    readings: [],
    fields: { ...fields, intermediate: true, celsius: celsiusOf(fields) },
    status: [{ code: 'intermediate', message: 'measurement in progress; the final value arrives as a Temperature Measurement (0x2A1C)' }],
  };
}

export const intermediateTemperatureDecoder: FormatDecoder = {
  id: ID,
  description: 'Intermediate Temperature (GATT 0x2A1E): preliminary value while measuring, never a reading',
  decode,
};
