import { DecodeError, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { readDateTime, type DateTimeFields } from '../codec/date-time.js';

const ID = '2a52';

export const RACP_OP_CODES: Readonly<Record<number, string>> = {
  1: 'report stored records',
  2: 'delete stored records',
  3: 'abort operation',
  4: 'report number of stored records',
  5: 'number of stored records response',
  6: 'response code',
};

export const RACP_OPERATORS: Readonly<Record<number, string>> = {
  0: 'null',
  1: 'all records',
  2: 'less than or equal to',
  3: 'greater than or equal to',
  4: 'within range of (inclusive)',
  5: 'first record',
  6: 'last record',
};

export const RACP_RESPONSE_CODES: Readonly<Record<number, string>> = {
  1: 'success',
  2: 'op code not supported',
  3: 'invalid operator',
  4: 'operator not supported',
  5: 'invalid operand',
  6: 'no records found',
  7: 'abort unsuccessful',
  8: 'procedure not completed',
  9: 'operand not supported',
};

/**
 * The record count's width is the service's (uint16 in Glucose, CGM and PLX); some servers send
 * one or four bytes, as Nordic's collector accepts. Any other length is not a count.
 */
const RECORD_COUNT_WIDTHS: ReadonlySet<number> = new Set([1, 2, 4]);

function readRecordCount(reader: ByteReader): number {
  reader.need(1, 'number of records');
  const width = reader.remaining;
  if (!RECORD_COUNT_WIDTHS.has(width)) {
    throw new DecodeError(ID, `number of stored records: a ${width}-byte operand is not a count (1, 2 or 4 bytes, uint16 in Glucose, CGM and PLX)`);
  }
  return width === 1 ? reader.u8('number of records') : width === 2 ? reader.u16('number of records') : reader.u32('number of records');
}

/** A response code is exactly the request op code and the code: anything after them is refused. */
function requireEnd(reader: ByteReader, what: string): void {
  if (reader.remaining > 0) throw new DecodeError(ID, `${what}: ${reader.remaining} byte(s) after its operand; a server response has none`);
}

const FILTER_SEQUENCE_NUMBER = 0x01;
const FILTER_USER_FACING_TIME = 0x02;

function readFilter(reader: ByteReader, operator: number): { filterType: number; operand: Array<number | DateTimeFields> } {
  const filterType = reader.u8('filter type');
  const count = operator === 4 ? 2 : 1;
  const operand: Array<number | DateTimeFields> = [];
  for (let i = 0; i < count; i++) {
    if (filterType === FILTER_SEQUENCE_NUMBER) operand.push(reader.u16('filter value'));
    else if (filterType === FILTER_USER_FACING_TIME) operand.push(readDateTime(reader, 'filter time'));
    else throw new DecodeError(ID, `filter type 0x${filterType.toString(16)} is not one the hub knows (0x01 sequence number/time offset, 0x02 user-facing time)`);
  }
  return { filterType, operand };
}

/**
 * Record Access Control Point (docs/protocols.md §1.11), both the requests a client writes and the
 * server's indications. Fields only: this is the download conversation, not a measurement.
 */
function decode(bytes: Uint8Array): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const opCode = reader.u8('op code');
  const operator = reader.u8('operator');
  const names = { opCodeName: RACP_OP_CODES[opCode] ?? 'reserved', operatorName: RACP_OPERATORS[operator] ?? 'reserved' };
  switch (opCode) {
    case 5:
      return { readings: [], fields: { opCode, operator, ...names, numberOfRecords: readRecordCount(reader) } };
    case 6: {
      const requestOpCode = reader.u8('request op code');
      const responseCode = reader.u8('response code');
      requireEnd(reader, 'response code');
      return {
        readings: [],
        fields: { opCode, operator, ...names, requestOpCode, responseCode, responseCodeName: RACP_RESPONSE_CODES[responseCode] ?? 'reserved' },
      };
    }
    case 1:
    case 2:
    case 4:
      if (operator >= 2 && operator <= 4) return { readings: [], fields: { opCode, operator, ...names, ...readFilter(reader, operator) } };
      return { readings: [], fields: { opCode, operator, ...names } };
    default:
      return { readings: [], fields: { opCode, operator, ...names, operandHex: Buffer.from(reader.rest()).toString('hex') } };
  }
}

export const recordAccessControlPointDecoder: FormatDecoder = {
  id: ID,
  description: 'Record Access Control Point (GATT 0x2A52): stored-record requests and responses',
  decode,
};
