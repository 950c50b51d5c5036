export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** Share of each delay drawn at random (0..1), so that ports unplugged together do not retry in step. */
  readonly jitter: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.3 };

/** Exponential backoff with jitter; `random` is injected (0 ≤ x < 1). */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const { initialMs, maxMs, factor, jitter } = this.options;
    const base = Math.min(maxMs, initialMs * factor ** this.attempt);
    this.attempt += 1;
    return base * (1 - jitter * this.random());
  }

  reset(): void {
    this.attempt = 0;
  }
}
