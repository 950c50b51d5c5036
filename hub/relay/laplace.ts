import { randomBytes } from 'node:crypto';

/** A uniform number in [0, 1). */
export type Random = () => number;

/** 53 random bits from the operating system: noise must not be predictable from a seed. */
export const secureRandom: Random = () => {
  const bytes = randomBytes(8);
  return (bytes.readUInt32BE(0) * 2 ** 21 + (bytes.readUInt32BE(4) >>> 11)) / 2 ** 53;
};

/** A draw from Laplace(0, scale), by the inverse CDF. */
export function laplace(scale: number, random: Random): number {
  let u = random() - 0.5;
  // u = -0.5 would give ln(0); redraw rather than return an infinite value.
  while (u === -0.5) u = random() - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/**
 * The Laplace mechanism on one value known to lie in [lo, hi]: clamped, then noised with scale
 * (hi - lo) / ε, which is ε-differentially private for that value whatever the person's data.
 */
export function privatise(value: number, lo: number, hi: number, epsilon: number, random: Random): number {
  const clamped = Math.min(hi, Math.max(lo, value));
  return clamped + laplace((hi - lo) / epsilon, random);
}
