import { ApiError } from '../../http/api-error.js';

/**
 * What one operation's answer may still grow by. Resolvers charge what they return, so a query
 * stops adding series once its answer would pass the limit, before the memory is spent.
 */
export class AnswerBudget {
  private used = 0;

  constructor(readonly maxBytes: number) {}

  get exhausted(): boolean {
    return this.used > this.maxBytes;
  }

  /** Refuses a field before it reads anything once the answer is already too large. */
  ensureRoom(): void {
    if (this.exhausted) throw answerTooLarge(this.maxBytes);
  }

  /** Refuses the field whose share would take the answer past the limit (and every one after it). */
  charge(bytes: number): void {
    this.used += bytes;
    if (this.exhausted) throw answerTooLarge(this.maxBytes);
  }
}

export function answerTooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'answer_too_large', `the answer would be larger than ${Math.round(maxBytes / 1024)} KiB; ask for fewer points, a shorter range or fewer series`);
}
