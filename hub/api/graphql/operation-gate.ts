import { ApiError } from '../../http/api-error.js';

/**
 * Lets a few GraphQL operations run at once and a bounded number wait, so that a flood of requests
 * holds a known amount of memory; the rest are refused at once with 503 and Retry-After.
 */
export class OperationGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  get load(): { readonly running: number; readonly waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.maxRunning) this.running++;
    else {
      if (this.waiting.length >= this.maxWaiting) {
        throw new ApiError(503, 'busy', 'the hub is answering other GraphQL requests; try again in a moment', { 'retry-after': '1' });
      }
      // The slot is handed over by the operation that finishes, so `running` stays counted.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next !== undefined) next();
      else this.running--;
    }
  }
}
