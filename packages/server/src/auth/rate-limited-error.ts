import { SyncWellError } from '@syncwell/core';

/**
 * 429 SW_RATE_LIMITED: too many attempts (login throttling) or requests (API rate limits).
 * `retryAfterSeconds` is what the `Retry-After` header says, rounded up so a client that waits
 * exactly that long is let in.
 */
export class RateLimitedError extends SyncWellError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterMs: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super('SW_RATE_LIMITED', undefined, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
