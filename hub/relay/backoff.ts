import type { Random } from './laplace.js';

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of base·2^(n-1),
 * capped, so that hubs that lost the relay at the same moment do not all return at once.
 */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random: Random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}
