import { ProviderError, type ErrorCode } from '@syncwell/core';
import { WITHINGS_RATE_WINDOW_MS } from './facts.js';

/**
 * Withings' body `status` catalogue ([S] vangorra `const.py`) → our codes. HTTP stays 200 for all
 * of these, so the HTTP layer never sees them; this is the only place they are classified.
 */
const AUTH_FAILED = new Set([100, 101, 102, 200, 401]);
const UNAUTHORIZED = new Set([214, 277, 2553, 2554, 2555]);
const TIMEOUT = new Set([522]);
const RATE_LIMITED = new Set([601]);
const BAD_STATE = new Set([524]);

/** Where the status arrived: a refused code or refresh token is not a data-call auth failure. */
export type StatusContext = 'data' | 'code-exchange' | 'refresh';

export function codeForBodyStatus(status: number, context: StatusContext): ErrorCode {
  if (RATE_LIMITED.has(status)) return 'SW_PROVIDER_RATE_LIMITED';
  if (TIMEOUT.has(status)) return 'SW_PROVIDER_TIMEOUT';
  // Withings refuses an unknown code or refresh token with 503 "Invalid Params" [S]
  // (withings-sync #41) or an auth status; at the token endpoint both mean "start over".
  if (context === 'code-exchange' && status !== 0) return 'SW_OAUTH_EXCHANGE_FAILED';
  if (context === 'refresh' && (AUTH_FAILED.has(status) || UNAUTHORIZED.has(status) || status === 503))
    return 'SW_PROVIDER_AUTH_REVOKED';
  if (AUTH_FAILED.has(status)) return 'SW_PROVIDER_AUTH_EXPIRED';
  if (UNAUTHORIZED.has(status)) return 'SW_PROVIDER_FORBIDDEN';
  if (BAD_STATE.has(status)) return 'SW_PROVIDER_UNAVAILABLE';
  // 201… are invalid parameters (503 "invalid params" included); 215/219/222… "error occurred".
  if (status >= 201 && status < 600 && ![215, 219, 222].includes(status))
    return 'SW_PROVIDER_REQUEST_REJECTED';
  return 'SW_PROVIDER_UNAVAILABLE';
}

/**
 * The error for a non-zero body status. `status` stays the HTTP status (200); the body status
 * goes to `details.bodyStatus`. A 601 waits one rolling window, since no reset is announced.
 */
export function bodyStatusError(bodyStatus: number, where: string, context: StatusContext): ProviderError {
  const code = codeForBodyStatus(bodyStatus, context);
  return new ProviderError(code, `${where} answered body status ${bodyStatus}`, {
    status: 200,
    details: { bodyStatus },
    ...(code === 'SW_PROVIDER_RATE_LIMITED' ? { retryAfterMs: WITHINGS_RATE_WINDOW_MS } : {}),
  });
}
