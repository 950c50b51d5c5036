import { ByteWriter } from '../codec/byte-writer.js';
import { writeDateTime, type DateTimeFields } from '../codec/date-time.js';

export interface RacpRequest {
  /** 1 report, 2 delete, 3 abort, 4 report number of records. */
  readonly opCode: number;
  /** 0 null, 1 all, 2 ≤, 3 ≥, 4 within range, 5 first, 6 last. */
  readonly operator: number;
  /** For operators 2–4: filter 0x01 (sequence number / time offset, uint16) or 0x02 (user-facing time). */
  readonly filter?: { readonly filterType: 1; readonly values: readonly number[] } | { readonly filterType: 2; readonly values: readonly DateTimeFields[] };
}

/** A RACP request as a client writes it (e.g. `01 03 01 <seq>` = records with sequence ≥ seq). */
export function encodeRacpRequest(request: RacpRequest): Uint8Array {
  const writer = new ByteWriter().u8(request.opCode).u8(request.operator);
  const filter = request.filter;
  if (filter?.filterType === 1) {
    writer.u8(1);
    for (const value of filter.values) writer.u16(value);
  } else if (filter?.filterType === 2) {
    writer.u8(2);
    for (const value of filter.values) writeDateTime(writer, value);
  }
  return writer.toBytes();
}

/** The server's "number of stored records" indication: `05 00 <count uint16>`. */
export function encodeRacpNumberOfRecords(count: number): Uint8Array {
  return new ByteWriter().u8(5).u8(0).u16(count).toBytes();
}

/** The server's response-code indication: `06 00 <request op code> <response code>` (1 success, 6 no records…). */
export function encodeRacpResponseCode(requestOpCode: number, responseCode: number): Uint8Array {
  return new ByteWriter().u8(6).u8(0).u8(requestOpCode).u8(responseCode).toBytes();
}
