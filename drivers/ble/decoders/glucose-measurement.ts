import type { ReadingFlag } from '../../../core/reading.js';
import type { DecodeOptions, DecodeResult, FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { dateTimeToUtcMs, readDateTime } from '../codec/date-time.js';
import { medfloatNumber, type Medfloat } from '../codec/ieee11073.js';
import { ReadingCollector } from '../codec/plausible-readings.js';
import { MG_DL_PER_MMOL_L } from '../../../core/units.js';

const ID = '2a18';
const CONTROL_SOLUTION_TYPE = 10;
const CONTROL_SOLUTION_LOCATION = 4;
/** Result higher / lower than the device can process (the SIG XML and Nordic disagree on which is which). */
const OUT_OF_MEASURING_RANGE_BITS = [5, 6];
/** Sensor malfunction, sample size, strip insertion, strip type, temperature, strip pulled, device fault. */
const QUESTIONABLE_BITS = [1, 2, 3, 4, 7, 8, 9, 10];
const TIME_FAULT_BIT = 11;

export function glucoseToMgDl(concentration: number, unit: 'kg/L' | 'mol/L'): number {
  return unit === 'kg/L' ? concentration * 100_000 : concentration * 1000 * MG_DL_PER_MMOL_L;
}

function hasBit(value: number, bit: number): boolean {
  return ((value >> bit) & 1) === 1;
}

/**
 * Glucose Measurement (docs/protocols.md §1.8). Control-solution tests and results the meter could
 * not measure (status bits 5/6) are never readings; faults the meter reports flag the reading
 * as questionable; a time fault drops the device time.
 */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const flags = reader.u8('flags');
  const sequenceNumber = reader.u16('sequence number');
  const baseTime = readDateTime(reader, 'base time');
  const timeOffsetMin = (flags & 0x01) !== 0 ? reader.i16('time offset') : undefined;
  let sample: { concentration: Medfloat; concentrationUnit: 'kg/L' | 'mol/L'; type: number; sampleLocation: number } | undefined;
  if ((flags & 0x02) !== 0) {
    const concentration = reader.sfloat('glucose concentration');
    const typeAndLocation = reader.u8('type and sample location');
    sample = {
      concentration,
      concentrationUnit: (flags & 0x04) !== 0 ? 'mol/L' : 'kg/L',
      type: typeAndLocation & 0x0f,
      sampleLocation: typeAndLocation >> 4,
    };
  }
  const sensorStatusAnnunciation = (flags & 0x08) !== 0 ? reader.u16('sensor status annunciation') : undefined;
  const fields = {
    flags,
    sequenceNumber,
    baseTime,
    ...(timeOffsetMin !== undefined ? { timeOffsetMin } : {}),
    ...(sample ?? {}),
    ...(sensorStatusAnnunciation !== undefined ? { sensorStatusAnnunciation } : {}),
    contextInformationFollows: (flags & 0x10) !== 0,
  };

  const out = new ReadingCollector();
  if (sample === undefined) return out.result(fields);
  const concentration = medfloatNumber(sample.concentration);
  const status = sensorStatusAnnunciation ?? 0;
  if (concentration === undefined) {
    out.report('no_value', `glucose concentration is the special value ${String(sample.concentration)}`);
  } else if (sample.type === CONTROL_SOLUTION_TYPE || sample.sampleLocation === CONTROL_SOLUTION_LOCATION) {
    out.report('control_solution', 'control-solution test, not a person’s reading; not emitted');
  } else if (OUT_OF_MEASURING_RANGE_BITS.some((b) => hasBit(status, b))) {
    out.report('out_of_measuring_range', 'the meter reports the result outside what it can measure; not emitted');
  } else {
    const readingFlags: ReadingFlag[] = QUESTIONABLE_BITS.some((b) => hasBit(status, b)) ? ['questionable'] : [];
    const base = hasBit(status, TIME_FAULT_BIT) ? undefined : dateTimeToUtcMs(baseTime, options?.utcOffsetMinutes);
    const ts = base === undefined ? undefined : base + (timeOffsetMin ?? 0) * 60_000;
    out.add('glucose', glucoseToMgDl(concentration, sample.concentrationUnit), { ts, flags: readingFlags });
  }
  return out.result(fields);
}

export const glucoseMeasurementDecoder: FormatDecoder = {
  id: ID,
  description: 'Glucose Measurement (GATT 0x2A18): glucose (kg/L or mol/L → mg/dL), record number, time, sample type',
  decode,
};
