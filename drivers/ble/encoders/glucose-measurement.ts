import { ByteWriter } from '../codec/byte-writer.js';
import { writeDateTime, type DateTimeFields } from '../codec/date-time.js';
import type { Medfloat } from '../codec/ieee11073.js';
import { MG_DL_PER_MMOL_L } from '../../../core/units.js';

export interface GlucoseSample {
  /** In `unit` as sent on the wire (kg/L or mol/L); see glucoseConcentrationFromMgDl. */
  readonly concentration: Medfloat;
  readonly unit: 'kg/L' | 'mol/L';
  /** 1 capillary whole blood … 10 control solution. */
  readonly type: number;
  /** 1 finger, 2 alternate site, 3 earlobe, 4 control solution, 15 not available. */
  readonly sampleLocation: number;
}

export interface GlucoseMeasurementInput {
  readonly sequenceNumber: number;
  /** Device local time. */
  readonly baseTime: DateTimeFields;
  readonly timeOffsetMin?: number;
  readonly sample?: GlucoseSample;
  readonly sensorStatusAnnunciation?: number;
  readonly contextInformationFollows?: boolean;
}

/** The wire concentration for a value in mg/dL. */
export function glucoseConcentrationFromMgDl(mgDl: number, unit: 'kg/L' | 'mol/L'): number {
  return unit === 'kg/L' ? mgDl / 100_000 : mgDl / MG_DL_PER_MMOL_L / 1000;
}

/** Glucose Measurement (0x2A18) notification bytes. */
export function encodeGlucoseMeasurement(input: GlucoseMeasurementInput): Uint8Array {
  const sample = input.sample;
  const flags =
    (input.timeOffsetMin !== undefined ? 0x01 : 0) |
    (sample !== undefined ? 0x02 : 0) |
    (sample?.unit === 'mol/L' ? 0x04 : 0) |
    (input.sensorStatusAnnunciation !== undefined ? 0x08 : 0) |
    (input.contextInformationFollows === true ? 0x10 : 0);
  const writer = new ByteWriter().u8(flags).u16(input.sequenceNumber);
  writeDateTime(writer, input.baseTime);
  if (input.timeOffsetMin !== undefined) writer.i16(input.timeOffsetMin);
  if (sample !== undefined) writer.sfloat(sample.concentration, 8).u8(((sample.sampleLocation & 0x0f) << 4) | (sample.type & 0x0f));
  if (input.sensorStatusAnnunciation !== undefined) writer.u16(input.sensorStatusAnnunciation);
  return writer.toBytes();
}
