/**
 * IEEE-11073 20601 SFLOAT (16 bit) and FLOAT (32 bit) as used by the GATT health profiles
 * (docs/protocols.md §0.2). A special value is returned as its name, never as a number, so that a
 * decoder cannot store "NaN" or "+INF" as a measurement by accident.
 */

export type MedfloatSpecial = 'NaN' | 'NRes' | '+INF' | '-INF' | 'reserved';
export type Medfloat = number | MedfloatSpecial;

export function isMedfloatSpecial(value: Medfloat): value is MedfloatSpecial {
  return typeof value === 'string';
}

/** The finite number, or undefined for a special value. */
export function medfloatNumber(value: Medfloat): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

const SFLOAT_SPECIALS: ReadonlyMap<number, MedfloatSpecial> = new Map([
  [0x07ff, 'NaN'],
  [0x0800, 'NRes'],
  [0x07fe, '+INF'],
  [0x0802, '-INF'],
  [0x0801, 'reserved'],
]);

const FLOAT_SPECIALS: ReadonlyMap<number, MedfloatSpecial> = new Map([
  [0x7fffff, 'NaN'],
  [0x800000, 'NRes'],
  [0x7ffffe, '+INF'],
  [0x800002, '-INF'],
  [0x800001, 'reserved'],
]);

/** mantissa × 10^exponent, dividing for negative exponents so that 3760e-2 prints as 37.6. */
function scale(mantissa: number, exponent: number): number {
  return exponent < 0 ? mantissa / 10 ** -exponent : mantissa * 10 ** exponent;
}

export function decodeSfloat(raw: number): Medfloat {
  const special = SFLOAT_SPECIALS.get(raw & 0xffff);
  if (special !== undefined) return special;
  const exponent = ((raw >> 12) & 0x0f) << 28 >> 28;
  const mantissa = (raw & 0x0fff) << 20 >> 20;
  return scale(mantissa, exponent);
}

export function decodeFloat(raw: number): Medfloat {
  const mantissaBits = raw & 0xffffff;
  const exponent = (raw >>> 24) << 24 >> 24;
  if (exponent === 0) {
    const special = FLOAT_SPECIALS.get(mantissaBits);
    if (special !== undefined) return special;
  }
  const mantissa = mantissaBits << 8 >> 8;
  return scale(mantissa, exponent);
}

interface MedfloatLayout {
  readonly mantissaMin: number;
  readonly mantissaMax: number;
  readonly exponentMin: number;
  readonly exponentMax: number;
}

const SFLOAT_LAYOUT: MedfloatLayout = { mantissaMin: -2045, mantissaMax: 2045, exponentMin: -8, exponentMax: 7 };
const FLOAT_LAYOUT: MedfloatLayout = { mantissaMin: -8388605, mantissaMax: 8388605, exponentMin: -128, exponentMax: 127 };

/**
 * The (mantissa, exponent) pair closest to `value` with the most precision the layout allows,
 * keeping at most `maxDecimals` decimals. Mantissas next to the special codes are avoided so
 * that an encoded number can never be read back as a special.
 */
function split(value: number, maxDecimals: number, layout: MedfloatLayout): { mantissa: number; exponent: number } {
  if (!Number.isFinite(value)) throw new RangeError(`cannot encode ${value} as a finite IEEE-11073 number`);
  for (let exponent = Math.max(-maxDecimals, layout.exponentMin); exponent <= layout.exponentMax; exponent++) {
    const mantissa = Math.round(exponent < 0 ? value * 10 ** -exponent : value / 10 ** exponent);
    if (mantissa >= layout.mantissaMin && mantissa <= layout.mantissaMax) {
      return trimTrailingZeros(mantissa, exponent, layout);
    }
  }
  throw new RangeError(`${value} is too large for an IEEE-11073 number`);
}

function trimTrailingZeros(mantissa: number, exponent: number, layout: MedfloatLayout): { mantissa: number; exponent: number } {
  let m = mantissa;
  let e = exponent;
  while (m !== 0 && m % 10 === 0 && e < Math.min(0, layout.exponentMax)) {
    m /= 10;
    e += 1;
  }
  return { mantissa: m, exponent: e };
}

function specialCode(value: MedfloatSpecial, specials: ReadonlyMap<number, MedfloatSpecial>): number {
  for (const [code, name] of specials) if (name === value) return code;
  throw new RangeError(`unknown special ${value}`);
}

/** The raw 16-bit word of an SFLOAT; `maxDecimals` limits the precision kept (default 3). */
export function encodeSfloat(value: Medfloat, maxDecimals = 3): number {
  if (isMedfloatSpecial(value)) return specialCode(value, SFLOAT_SPECIALS);
  const { mantissa, exponent } = split(value, maxDecimals, SFLOAT_LAYOUT);
  return ((exponent & 0x0f) << 12) | (mantissa & 0x0fff);
}

/** The raw 32-bit word of a FLOAT (unsigned); `maxDecimals` limits the precision kept (default 3). */
export function encodeFloat(value: Medfloat, maxDecimals = 3): number {
  if (isMedfloatSpecial(value)) return specialCode(value, FLOAT_SPECIALS);
  const { mantissa, exponent } = split(value, maxDecimals, FLOAT_LAYOUT);
  return (((exponent & 0xff) << 24) | (mantissa & 0xffffff)) >>> 0;
}
