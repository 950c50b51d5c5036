import type { ReadingFlag } from '../../../core/reading.js';
import { DecodeError, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { crc16Mcrf4xx } from '../codec/crc16-mcrf4xx.js';
import { medfloatNumber, type Medfloat } from '../codec/ieee11073.js';
import { ReadingCollector } from '../codec/plausible-readings.js';

const ID = '2aa7';
const MIN_RECORD_SIZE = 6;

export interface CgmRecordFields {
  size: number;
  flags: number;
  glucoseMgDl: Medfloat;
  timeOffsetMin: number;
  statusOctet?: number;
  calTempOctet?: number;
  warningOctet?: number;
  trendMgDlPerMin?: Medfloat;
  qualityPercent?: Medfloat;
  crc?: number;
}

/** Warning octet (annunciation bits 22/23): result lower / higher than the device can process. */
const OUT_OF_RANGE_WARNING_MASK = 0xc0;
/** Status octet (bits 2, 3, 5): sensor type incorrect, sensor malfunction, general device fault. */
const FAULT_STATUS_MASK = 0x2c;
/** Cal/Temp octet (bits 12/13): sensor temperature too high / too low for a valid result. */
const TEMPERATURE_CAL_TEMP_MASK = 0x30;

function readRecord(bytes: Uint8Array, index: number): CgmRecordFields {
  const where = `record ${index + 1}`;
  const reader = new ByteReader(ID, bytes);
  const size = reader.u8(`${where} size`);
  const flags = reader.u8(`${where} flags`);
  const record: CgmRecordFields = {
    size,
    flags,
    glucoseMgDl: reader.sfloat(`${where} glucose concentration`),
    timeOffsetMin: reader.u16(`${where} time offset`),
  };
  // The annunciation is one little-endian field: its low octet (Status, bits 0–7) comes first,
  // then Cal/Temp (8–15), then Warning (16–23), each only when its flag is set (docs/protocols.md §1.9).
  if ((flags & 0x80) !== 0) record.statusOctet = reader.u8(`${where} status octet`);
  if ((flags & 0x40) !== 0) record.calTempOctet = reader.u8(`${where} cal/temp octet`);
  if ((flags & 0x20) !== 0) record.warningOctet = reader.u8(`${where} warning octet`);
  if ((flags & 0x01) !== 0) record.trendMgDlPerMin = reader.sfloat(`${where} trend`);
  if ((flags & 0x02) !== 0) record.qualityPercent = reader.sfloat(`${where} quality`);
  const dataLength = reader.offset;
  if (size === dataLength + 2) {
    const crc = reader.u16(`${where} E2E-CRC`);
    const expected = crc16Mcrf4xx(bytes.subarray(0, dataLength));
    if (crc !== expected) {
      throw new DecodeError(ID, `${where}: E2E-CRC 0x${crc.toString(16).padStart(4, '0')} does not match the data (expected 0x${expected.toString(16).padStart(4, '0')})`);
    }
    record.crc = crc;
  } else if (size !== dataLength) {
    throw new DecodeError(ID, `${where}: size byte says ${size} bytes but its flags describe ${dataLength} (or ${dataLength + 2} with CRC)`);
  }
  return record;
}

/**
 * A fault the sensor reports about itself, or a temperature it cannot measure at, makes the reading
 * questionable. Warnings about the person's level (patient low/high, hypo, hyper, rate of change)
 * describe the glucose, not the sensor, and leave the reading as it is.
 */
function readingFlags(record: CgmRecordFields): ReadingFlag[] {
  const fault = ((record.statusOctet ?? 0) & FAULT_STATUS_MASK) !== 0 || ((record.calTempOctet ?? 0) & TEMPERATURE_CAL_TEMP_MASK) !== 0;
  return fault ? ['questionable'] : [];
}

/**
 * CGM Measurement (docs/protocols.md §1.9): one notification may carry several records, each with
 * its own size. Their time is minutes since the CGM session start, which this payload does not
 * carry, so readings have no device time; `timeOffsetMin` stays in the record fields.
 */
function decode(bytes: Uint8Array): DecodeResult {
  const records: CgmRecordFields[] = [];
  const out = new ReadingCollector();
  let offset = 0;
  if (bytes.length === 0) throw new DecodeError(ID, 'payload too short: empty notification, expected at least one record');
  while (offset < bytes.length) {
    const size = bytes[offset] ?? 0;
    if (size < MIN_RECORD_SIZE) throw new DecodeError(ID, `record ${records.length + 1}: size ${size} is below the minimum of ${MIN_RECORD_SIZE}`);
    if (offset + size > bytes.length) {
      throw new DecodeError(ID, `payload too short: record ${records.length + 1} says ${size} bytes at offset ${offset}, only ${bytes.length - offset} left`);
    }
    const record = readRecord(bytes.subarray(offset, offset + size), records.length);
    records.push(record);
    offset += size;
    const mgDl = medfloatNumber(record.glucoseMgDl);
    if (mgDl === undefined) {
      out.report('no_value', `record ${records.length}: glucose is the special value ${String(record.glucoseMgDl)}`);
    } else if (((record.warningOctet ?? 0) & OUT_OF_RANGE_WARNING_MASK) !== 0) {
      out.report('out_of_measuring_range', `record ${records.length}: the sensor reports the result outside what it can measure; not emitted`);
    } else {
      // The sensor sits in the tissue under the skin: exports code its glucose apart from a finger-stick's.
      out.add('glucose', mgDl, { flags: ['interstitial_fluid', ...readingFlags(record)] });
    }
  }
  const first = records[0];
  // A single record's fields sit at the top level as well, so one-record notifications read like the others.
  return out.result(records.length === 1 && first !== undefined ? { ...first, records } : { records });
}

export const cgmMeasurementDecoder: FormatDecoder = {
  id: ID,
  description: 'CGM Measurement (GATT 0x2AA7): one or more glucose records (mg/dL) with status, trend and E2E-CRC',
  decode,
};
