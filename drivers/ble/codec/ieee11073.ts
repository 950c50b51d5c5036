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
  readonly mantissaBits: number;
  readonly specials: ReadonlyMap<number, MedfloatSpecial>;
}

/** The full two's-complement mantissa range: only the words of the special codes are off limits. */
const SFLOAT_LAYOUT: MedfloatLayout = { mantissaMin: -2048, mantissaMax: 2047, exponentMin: -8, exponentMax: 7, mantissaBits: 12, specials: SFLOAT_SPECIALS };
const FLOAT_LAYOUT: MedfloatLayout = { mantissaMin: -8388608, mantissaMax: 8388607, exponentMin: -128, exponentMax: 127, mantissaBits: 24, specials: FLOAT_SPECIALS };

interface MedfloatParts {
  readonly mantissa: number;
  readonly exponent: number;
}

/**
 * A pair that is a number on the wire. The special codes sit at exponent 0 only
 * (docs/protocols.md §0.2), so 2046 × 10³ is a number while 2046 × 10⁰ is +INFINITY.
 */
function isNumberWord(parts: MedfloatParts, layout: MedfloatLayout): boolean {
  const { mantissa, exponent } = parts;
  if (mantissa < layout.mantissaMin || mantissa > layout.mantissaMax) return false;
  if (exponent < layout.exponentMin || exponent > layout.exponentMax) return false;
  const mantissaWord = mantissa & (2 ** layout.mantissaBits - 1);
  return exponent !== 0 || !layout.specials.has(mantissaWord);
}

/** The number word at `exponent` nearest to `value`: rounded, then moved toward zero off the limits and specials. */
function nearestAt(value: number, exponent: number, layout: MedfloatLayout): MedfloatParts {
  const rounded = Math.round(exponent < 0 ? value * 10 ** -exponent : value / 10 ** exponent);
  let mantissa = Math.min(layout.mantissaMax, Math.max(layout.mantissaMin, rounded));
  while (!isNumberWord({ mantissa, exponent }, layout)) mantissa -= Math.sign(mantissa);
  return { mantissa, exponent };
}

/**
 * The number word closest to `value`, keeping at most `maxDecimals` decimals: a value the layout
 * holds exactly comes back exactly, any other goes to its nearest neighbour (the more precise
 * pair on a tie). The neighbours are at the first exponent whose mantissa fits and at the two
 * beside it: the one below holds the largest mantissas, the one above steps over the specials.
 */
function split(value: number, maxDecimals: number, layout: MedfloatLayout): MedfloatParts {
  if (!Number.isFinite(value)) throw new RangeError(`cannot encode ${value} as a finite IEEE-11073 number`);
  const lowest = Math.max(-maxDecimals, layout.exponentMin);
  let first: number | undefined;
  for (let exponent = lowest; exponent <= layout.exponentMax && first === undefined; exponent++) {
    const mantissa = Math.round(exponent < 0 ? value * 10 ** -exponent : value / 10 ** exponent);
    if (mantissa >= layout.mantissaMin && mantissa <= layout.mantissaMax) first = exponent;
  }
  if (first === undefined) throw new RangeError(`${value} is too large for an IEEE-11073 number`);
  const errorOf = (parts: MedfloatParts): number => Math.abs(scale(parts.mantissa, parts.exponent) - value);
  let best = nearestAt(value, Math.max(lowest, first - 1), layout);
  for (let exponent = best.exponent + 1; exponent <= Math.min(layout.exponentMax, first + 1); exponent++) {
    const parts = nearestAt(value, exponent, layout);
    if (errorOf(parts) < errorOf(best)) best = parts;
  }
  return trimTrailingZeros(best, layout);
}

/** 2500 × 10⁻³ travels as 25 × 10⁻¹: the shortest pair for the same number. */
function trimTrailingZeros(parts: MedfloatParts, layout: MedfloatLayout): MedfloatParts {
  let current = parts;
  while (current.mantissa !== 0 && current.mantissa % 10 === 0 && current.exponent < Math.min(0, layout.exponentMax)) {
    const shorter = { mantissa: current.mantissa / 10, exponent: current.exponent + 1 };
    if (!isNumberWord(shorter, layout)) break;
    current = shorter;
  }
  return current;
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
