import { DecodeError } from '../../format.js';
import { decodeFloat, decodeSfloat, type Medfloat } from './ieee11073.js';

/**
 * A little-endian cursor over one payload that throws DecodeError (naming the field and the
 * bytes missing) instead of reading past the end, so a short payload is never a RangeError.
 */
export class ByteReader {
  private position = 0;

  constructor(
    private readonly formatId: string,
    private readonly bytes: Uint8Array,
  ) {}

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }

  /** Throws unless `count` more bytes are there for `field`. */
  need(count: number, field: string): void {
    if (this.remaining < count) {
      throw new DecodeError(
        this.formatId,
        `payload too short: ${field} needs ${count} byte(s) at offset ${this.position}, only ${Math.max(this.remaining, 0)} left (payload is ${this.bytes.length} bytes)`,
      );
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.bytes[this.position++] ?? 0;
  }

  i8(field: string): number {
    return (this.u8(field) << 24) >> 24;
  }

  u16(field: string): number {
    this.need(2, field);
    const value = this.at(0) | (this.at(1) << 8);
    this.position += 2;
    return value;
  }

  i16(field: string): number {
    return (this.u16(field) << 16) >> 16;
  }

  u24(field: string): number {
    this.need(3, field);
    const value = this.at(0) | (this.at(1) << 8) | (this.at(2) << 16);
    this.position += 3;
    return value;
  }

  i24(field: string): number {
    return (this.u24(field) << 8) >> 8;
  }

  u32(field: string): number {
    this.need(4, field);
    const value = (this.at(0) | (this.at(1) << 8) | (this.at(2) << 16) | (this.at(3) << 24)) >>> 0;
    this.position += 4;
    return value;
  }

  i32(field: string): number {
    return this.u32(field) | 0;
  }

  u64(field: string): bigint {
    const low = BigInt(this.u32(field));
    const high = BigInt(this.u32(field));
    return (high << 32n) | low;
  }

  sfloat(field: string): Medfloat {
    return decodeSfloat(this.u16(field));
  }

  float(field: string): Medfloat {
    return decodeFloat(this.u32(field));
  }

  take(count: number, field: string): Uint8Array {
    this.need(count, field);
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }

  rest(): Uint8Array {
    return this.take(this.remaining, 'rest');
  }

  private at(delta: number): number {
    return this.bytes[this.position + delta] ?? 0;
  }
}
