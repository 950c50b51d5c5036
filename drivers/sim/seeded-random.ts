/**
 * Deterministic randomness for the simulated household: the same seed gives the same household,
 * so a device that re-sends its memory after a restart re-sends identical readings.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box–Muller). */
  gaussian(): number {
    const u = Math.max(this.next(), Number.EPSILON);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  chance(probability: number): boolean {
    return this.next() < probability;
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
