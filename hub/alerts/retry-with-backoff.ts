import { backoffDelay } from '../../core/backoff.js';

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('stopped'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('stopped'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** An error worth trying again (a server that is down or busy), as opposed to one that will not change. */
export class RetryableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryableError';
  }
}

/** Doubling delays with equal jitter: half of each wait is fixed, half random, so retries spread out. */
function retryDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  return backoffDelay({ initialMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, factor: 2, jitter: 0.5 }, attempt - 1, random);
}

/** Runs `task` until it succeeds, fails for good, or the attempts are spent; the last error is thrown. */
export async function retryWithBackoff<T>(
  task: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  options: { readonly signal: AbortSignal; readonly sleep?: Sleep; readonly random?: () => number },
): Promise<T> {
  const wait = options.sleep ?? sleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (!(error instanceof RetryableError) || attempt >= policy.attempts || options.signal.aborted) {
        if (error instanceof RetryableError && attempt >= policy.attempts && attempt > 1) throw new Error(`${error.message} (gave up after ${attempt} attempts)`);
        throw error;
      }
      await wait(retryDelay(policy, attempt, random), options.signal);
    }
  }
}
