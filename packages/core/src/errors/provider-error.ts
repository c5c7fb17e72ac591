import type { ErrorCode } from './error-codes.js';
import { SyncWellError } from './syncwell-error.js';

/**
 * What a provider client throws. The worker steers on `retryClass` (from the code):
 * retry with backoff, stop and mark the connection `needs_reauth`, or skip the record.
 */
export class ProviderError extends SyncWellError {
  /** The provider's own HTTP status, when there was a response. */
  readonly status: number | undefined;
  /** When the provider said how long to wait (429 reset, Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { status?: number; retryAfterMs?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(
      code,
      message,
      { ...opts.details, ...(opts.status === undefined ? {} : { status: opts.status }) },
      {
        cause: opts.cause,
      },
    );
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** Maps a provider HTTP status to our code; used by every client for the common cases. */
export function providerErrorForStatus(
  status: number,
  message: string,
  opts: { retryAfterMs?: number; details?: Record<string, unknown> } = {},
): ProviderError {
  const code: ErrorCode =
    status === 429
      ? 'SW_PROVIDER_RATE_LIMITED'
      : status === 401
        ? 'SW_PROVIDER_AUTH_EXPIRED'
        : status === 403
          ? 'SW_PROVIDER_FORBIDDEN'
          : status === 410
            ? 'SW_PROVIDER_GONE'
            : status >= 500
              ? 'SW_PROVIDER_UNAVAILABLE'
              : 'SW_PROVIDER_REQUEST_REJECTED';
  return new ProviderError(code, message, { status, ...opts });
}
