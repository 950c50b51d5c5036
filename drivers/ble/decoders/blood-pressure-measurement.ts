import type { ReadingFlag } from '../../../core/reading.js';
import { DecodeError, type DecodeOptions, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { dateTimeToUtcMs, readDateTime, type DateTimeFields } from '../codec/date-time.js';
import { medfloatNumber, type Medfloat } from '../codec/ieee11073.js';
import { ReadingCollector } from '../codec/plausible-readings.js';

export const MMHG_PER_KPA = 7.50062;
export const UNKNOWN_USER = 0xff;

export type BloodPressureFields = {
  readonly flags: number;
  readonly unit: 'mmHg' | 'kPa';
  readonly systolic: Medfloat;
  readonly diastolic: Medfloat;
  readonly map: Medfloat;
  readonly timestamp?: DateTimeFields;
  readonly pulseRate?: Medfloat;
  readonly userId?: number;
  readonly status?: number;
};

/** The layout shared by Blood Pressure Measurement (0x2A35) and Intermediate Cuff Pressure (0x2A36). */
export function readBloodPressureFields(formatId: string, bytes: Uint8Array): BloodPressureFields {
  const reader = new ByteReader(formatId, bytes);
  const flags = reader.u8('flags');
  const systolic = reader.sfloat('systolic');
  const diastolic = reader.sfloat('diastolic');
  const map = reader.sfloat('mean arterial pressure');
  const timestamp = (flags & 0x02) !== 0 ? readDateTime(reader, 'time stamp') : undefined;
  const pulseRate = (flags & 0x04) !== 0 ? reader.sfloat('pulse rate') : undefined;
  const userId = (flags & 0x08) !== 0 ? reader.u8('user id') : undefined;
  const status = (flags & 0x10) !== 0 ? reader.u16('measurement status') : undefined;
  return {
    flags,
    unit: (flags & 0x01) !== 0 ? 'kPa' : 'mmHg',
    systolic,
    diastolic,
    map,
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(pulseRate !== undefined ? { pulseRate } : {}),
    ...(userId !== undefined ? { userId } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}

/** Measurement status bits (docs/protocols.md §1.4) as reading flags. */
export function bloodPressureStatusFlags(status: number): ReadingFlag[] {
  const flags: ReadingFlag[] = [];
  if ((status & 0x01) !== 0) flags.push('body_movement');
  if ((status & 0x02) !== 0) flags.push('cuff_loose');
  if ((status & 0x04) !== 0) flags.push('irregular_pulse');
  const pulseRange = (status >> 3) & 0b11;
  if (pulseRange === 1 || pulseRange === 2) flags.push('pulse_rate_out_of_range');
  if ((status & 0x20) !== 0) flags.push('improper_position');
  return flags;
}

const ID = '2a35';

/**
 * Blood Pressure Measurement (docs/protocols.md §1.4). Systolic and diastolic are mandatory; a MAP
 * of NaN (monitors that do not compute it) is absent. A pressure pair that cannot be a
 * measurement (diastolic not below systolic) is not emitted at all; a MAP outside the pair is dropped.
 */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const fields = readBloodPressureFields(ID, bytes);
  const toMmHg = (value: Medfloat | undefined): number | undefined => {
    const n = value === undefined ? undefined : medfloatNumber(value);
    return n === undefined ? undefined : fields.unit === 'kPa' ? n * MMHG_PER_KPA : n;
  };
  const systolic = toMmHg(fields.systolic);
  const diastolic = toMmHg(fields.diastolic);
  if (systolic === undefined) throw new DecodeError(ID, `systolic is the special value ${String(fields.systolic)}, no measurement`);
  if (diastolic === undefined) throw new DecodeError(ID, `diastolic is the special value ${String(fields.diastolic)}, no measurement`);
  let map = toMmHg(fields.map);
  const pulseRate = fields.pulseRate === undefined ? undefined : medfloatNumber(fields.pulseRate);

  const extras = {
    ts: fields.timestamp !== undefined ? dateTimeToUtcMs(fields.timestamp, options?.utcOffsetMinutes) : undefined,
    flags: fields.status !== undefined ? bloodPressureStatusFlags(fields.status) : undefined,
    userSlot: fields.userId !== undefined && fields.userId !== UNKNOWN_USER ? fields.userId : undefined,
  };
  const out = new ReadingCollector();
  if (diastolic >= systolic) {
    out.report('implausible', `diastolic ${diastolic} mmHg is not below systolic ${systolic} mmHg; pressures not emitted`);
  } else {
    if (map !== undefined && (map < diastolic || map > systolic)) {
      out.report('implausible', `mean arterial pressure ${map} mmHg lies outside ${diastolic}..${systolic} mmHg; not emitted`);
      map = undefined;
    }
    out.add('bp_systolic', systolic, extras);
    out.add('bp_diastolic', diastolic, extras);
    out.add('bp_mean', map, extras);
  }
  out.add('pulse_rate', pulseRate, extras);
  return out.result(fields);
}

export const bloodPressureMeasurementDecoder: FormatDecoder = {
  id: ID,
  description: 'Blood Pressure Measurement (GATT 0x2A35): systolic, diastolic, MAP (kPa → mmHg), pulse, user, status',
  decode,
};
