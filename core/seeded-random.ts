/**
 * Deterministic randomness: the same seed gives the same simulated household, the same line noise
 * and the same benchmark data on every run, so results can be compared and failures replayed.
 */

/** A uniform generator in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller) from a uniform generator. */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A whole number in [min, max]. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export class SeededRandom {
  private readonly uniform: () => number;

  constructor(seed: number) {
    this.uniform = seededRandom(seed);
  }

  next(): number {
    return this.uniform();
  }

  gaussian(): number {
    return gaussian(this.uniform);
  }

  chance(probability: number): boolean {
    return this.uniform() < probability;
  }
}

/** A generator for one occurrence (a device, a person, a moment), independent of anything before it. */
export function randomFor(...parts: readonly (string | number)[]): SeededRandom {
  let hash = 2166136261;
  for (const part of parts) {
    for (const char of String(part)) {
      hash ^= char.charCodeAt(0);
      hash = Math.imul(hash, 16777619);
    }
    hash ^= 0x2c;
  }
  return new SeededRandom(hash >>> 0);
}
