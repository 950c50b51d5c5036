/** How long to wait between attempts: grows by `factor` from `initialMs`, capped at `maxMs`. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /**
   * Share of each delay drawn at random (0..1), so that peers that failed together (ports unplugged
   * at once, hubs that lost the relay at the same moment) do not all retry in step.
   */
  readonly jitter: number;
}

/**
 * The wait before retry number `retry` (0 for the first): the capped exponential delay, less a
 * random share of up to `jitter` of it. `random` is injected (0 ≤ x < 1) so that a test can fix it.
 */
export function backoffDelay(policy: BackoffPolicy, retry: number, random: () => number): number {
  const { initialMs, maxMs, factor, jitter } = policy;
  const base = Math.min(maxMs, initialMs * factor ** Math.max(0, retry));
  return base * (1 - jitter * random());
}

/** The delays of one retry loop in turn; `reset` once an attempt succeeds. */
export class Backoff {
  private retry = 0;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const delay = backoffDelay(this.policy, this.retry, this.random);
    this.retry += 1;
    return delay;
  }

  reset(): void {
    this.retry = 0;
  }
}
