import { ByteWriter } from '../codec/byte-writer.js';
import { crc16Mcrf4xx } from '../codec/crc16-mcrf4xx.js';
import type { Medfloat } from '../codec/ieee11073.js';

export interface CgmRecordInput {
  readonly glucoseMgDl: Medfloat;
  /** Minutes since the session start. */
  readonly timeOffsetMin: number;
  /** Sensor Status Annunciation bits 0–7 (session stopped, battery low, sensor faults). */
  readonly statusOctet?: number;
  /** Bits 8–15 (time sync, calibration, sensor temperature). */
  readonly calTempOctet?: number;
  /** Bits 16–23 (patient low/high, hypo, hyper, rate of change, outside the device's range). */
  readonly warningOctet?: number;
  readonly trendMgDlPerMin?: Medfloat;
  readonly qualityPercent?: Medfloat;
  /** Append the E2E-CRC, as a sensor whose CGM Feature says it supports one does. */
  readonly withCrc?: boolean;
}

/** One CGM Measurement record: size, flags, glucose, offset, the annunciation octets low first, trend, quality, CRC. */
function encodeRecord(input: CgmRecordInput): Uint8Array {
  const flags =
    (input.trendMgDlPerMin !== undefined ? 0x01 : 0) |
    (input.qualityPercent !== undefined ? 0x02 : 0) |
    (input.warningOctet !== undefined ? 0x20 : 0) |
    (input.calTempOctet !== undefined ? 0x40 : 0) |
    (input.statusOctet !== undefined ? 0x80 : 0);
  const body = new ByteWriter().u8(flags).sfloat(input.glucoseMgDl, 1).u16(input.timeOffsetMin);
  for (const octet of [input.statusOctet, input.calTempOctet, input.warningOctet]) if (octet !== undefined) body.u8(octet);
  if (input.trendMgDlPerMin !== undefined) body.sfloat(input.trendMgDlPerMin, 2);
  if (input.qualityPercent !== undefined) body.sfloat(input.qualityPercent, 1);
  const size = 1 + body.length + (input.withCrc === true ? 2 : 0);
  const record = new ByteWriter().u8(size).append(body.toBytes());
  if (input.withCrc === true) record.u16(crc16Mcrf4xx(record.toBytes()));
  return record.toBytes();
}

/** CGM Measurement (0x2AA7) notification bytes: the records back to back. */
export function encodeCgmMeasurement(...records: readonly CgmRecordInput[]): Uint8Array {
  return Uint8Array.from(records.flatMap((record) => [...encodeRecord(record)]));
}
