export interface RateLine {
  readonly direction: 'rise' | 'fall';
  readonly change: number;
  readonly withinMs: number;
}

export type RateOutcome =
  | { readonly kind: 'fire'; readonly from: { readonly ts: number; readonly value: number }; readonly to: { readonly ts: number; readonly value: number } }
  | { readonly kind: 'clear' }
  | undefined;

/** A rate alert clears once the change within the window falls below this share of the rule's change. */
const CLEAR_SHARE = 0.75;

/** The most samples kept per watched series: weights and pressures are a few a day. */
const MAX_SAMPLES = 2000;

/**
 * Change of a slowly moving value within a window (weight up 2 kg in 3 days): compares each new
 * reading with the lowest (for a rise) or highest (for a fall) of the window before it.
 */
export class RateTracker {
  private readonly samples: { ts: number; value: number }[] = [];
  private firing = false;

  constructor(private readonly line: RateLine) {}

  prime(): void {
    this.firing = true;
  }

  /** Earlier readings from the store, so that a restart does not forget the last days. */
  seed(points: readonly { ts: number; value: number }[]): void {
    for (const p of points) this.samples.push({ ts: p.ts, value: p.value });
    this.samples.sort((a, b) => a.ts - b.ts);
  }

  observe(value: number, ts: number): RateOutcome {
    const windowStart = ts - this.line.withinMs;
    while (this.samples.length > 0 && (this.samples[0]?.ts ?? Infinity) < windowStart) this.samples.shift();
    const reference = this.reference();
    this.samples.push({ ts, value });
    if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    if (reference === undefined) return undefined;
    const change = this.line.direction === 'rise' ? value - reference.value : reference.value - value;
    if (change >= this.line.change) {
      if (this.firing) return undefined;
      this.firing = true;
      return { kind: 'fire', from: reference, to: { ts, value } };
    }
    if (this.firing && change < this.line.change * CLEAR_SHARE) {
      this.firing = false;
      return { kind: 'clear' };
    }
    return undefined;
  }

  private reference(): { ts: number; value: number } | undefined {
    let best: { ts: number; value: number } | undefined;
    for (const s of this.samples) {
      if (best === undefined || (this.line.direction === 'rise' ? s.value < best.value : s.value > best.value)) best = s;
    }
    return best;
  }
}
