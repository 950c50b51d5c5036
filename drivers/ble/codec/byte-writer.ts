import { encodeFloat, encodeSfloat, type Medfloat } from './ieee11073.js';

/** Little-endian byte builder for the encoders; refuses values that do not fit their field. */
export class ByteWriter {
  private readonly bytes: number[] = [];

  u8(value: number): this {
    return this.unsigned(value, 1);
  }

  u16(value: number): this {
    return this.unsigned(value, 2);
  }

  i16(value: number): this {
    checkInteger(value, -0x8000, 0x7fff, 2);
    return this.raw(value & 0xffff, 2);
  }

  u24(value: number): this {
    return this.unsigned(value, 3);
  }

  i24(value: number): this {
    checkInteger(value, -0x800000, 0x7fffff, 3);
    return this.raw(value & 0xffffff, 3);
  }

  u32(value: number): this {
    return this.unsigned(value, 4);
  }

  u64(value: bigint): this {
    this.raw(Number(value & 0xffffffffn), 4);
    return this.raw(Number((value >> 32n) & 0xffffffffn), 4);
  }

  sfloat(value: Medfloat, maxDecimals?: number): this {
    return this.raw(encodeSfloat(value, maxDecimals), 2);
  }

  float(value: Medfloat, maxDecimals?: number): this {
    return this.raw(encodeFloat(value, maxDecimals), 4);
  }

  append(bytes: Uint8Array | readonly number[]): this {
    for (const b of bytes) this.u8(b);
    return this;
  }

  get length(): number {
    return this.bytes.length;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  private unsigned(value: number, size: number): this {
    checkInteger(value, 0, 2 ** (8 * size) - 1, size);
    return this.raw(value, size);
  }

  private raw(value: number, size: number): this {
    for (let i = 0; i < size; i++) this.bytes.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
    return this;
  }
}

function checkInteger(value: number, min: number, max: number, size: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${value} does not fit a ${size}-byte field (${min}..${max})`);
  }
}
