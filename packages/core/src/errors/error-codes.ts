/**
 * The one catalogue of stable codes. API errors, per-item sync results and logs all use these;
 * a code never changes meaning once shipped. `retry` says what the worker does with a failure
 * carrying it: `retry` (backoff), `auth` (stop, connection needs re-auth), `skip` (permanent for
 * this record, the run goes on), `none` (not a failure).
 */
export const ERROR_CODES = {
  // Per-item sync outcomes
  SW_ITEM_WRITTEN: { http: 200, retry: 'none', text: 'Written to the destination.' },
  SW_ITEM_ALREADY_SYNCED: {
    http: 200,
    retry: 'none',
    text: 'The ledger shows this record was already written.',
  },
  SW_ITEM_DUPLICATE_AT_DESTINATION: {
    http: 200,
    retry: 'none',
    text: 'The destination already held this record; its id was recorded instead of writing again.',
  },
  SW_ITEM_LOOP_PREVENTED: {
    http: 200,
    retry: 'none',
    text: 'SyncWell wrote this record itself; not synced back.',
  },
  // Conflicts: the destination holds a different record for the same slot (DESIGN §5)
  SW_ITEM_CONFLICT_PENDING: {
    http: 200,
    retry: 'none',
    text: 'The destination holds a different record for the same slot; a conflict was stored for the user to resolve.',
  },
  SW_ITEM_CONFLICT_NOT_OVERWRITABLE: {
    http: 200,
    retry: 'none',
    text: 'Source wins, but the destination would add a second record instead of replacing its own; a conflict was stored for the user to resolve.',
  },
  SW_ITEM_CONFLICT_DESTINATION_KEPT: {
    http: 200,
    retry: 'none',
    text: "The destination's different record for the same slot was kept (strategy or the user's choice); nothing was written.",
  },
  SW_ITEM_CONFLICT_SOURCE_WRITTEN: {
    http: 200,
    retry: 'none',
    text: "The destination held a different record for the same slot; the source's record was written (strategy or the user's choice).",
  },
  SW_ITEM_CONFLICT_SOURCE_GONE: {
    http: 200,
    retry: 'none',
    text: 'A resolved conflict was closed without writing: the source no longer has the record.',
  },
  SW_ITEM_INVALID_PAYLOAD: {
    http: 422,
    retry: 'skip',
    text: 'The provider sent a record that failed validation.',
  },
  SW_ITEM_CORRUPT_FILE: { http: 422, retry: 'skip', text: 'A workout file was truncated or corrupt.' },
  SW_ITEM_UNSUPPORTED_FILE: {
    http: 422,
    retry: 'skip',
    text: 'A workout file is intact but uses a feature SyncWell cannot read (e.g. FIT compressed timestamps).',
  },
  SW_ITEM_UNSUPPORTED_TYPE: {
    http: 422,
    retry: 'skip',
    text: 'The destination cannot store this data type.',
  },
  SW_ITEM_REJECTED_BY_DESTINATION: { http: 422, retry: 'skip', text: 'The destination refused the record.' },
  SW_DEVICE_STORE_QUOTA: {
    http: 429,
    retry: 'retry',
    text: "The phone's health store refused more reads for now (Health Connect's quota); the next run goes on.",
  },
  SW_DEVICE_PERMISSION_DENIED: {
    http: 403,
    retry: 'skip',
    text: "The phone's health store refused access to this data type (permission off in Apple Health or Health Connect).",
  },
  // Provider failures
  SW_PROVIDER_UNAVAILABLE: { http: 503, retry: 'retry', text: 'The provider answered with a server error.' },
  SW_PROVIDER_TIMEOUT: { http: 504, retry: 'retry', text: 'The provider did not answer in time.' },
  SW_PROVIDER_RATE_LIMITED: {
    http: 429,
    retry: 'retry',
    text: 'The provider rate limit is exhausted; retried later.',
  },
  SW_PROVIDER_AUTH_EXPIRED: { http: 401, retry: 'auth', text: 'The provider rejected the access token.' },
  SW_PROVIDER_AUTH_REVOKED: {
    http: 401,
    retry: 'auth',
    text: 'The provider refused the refresh token (invalid_grant); the user must reconnect.',
  },
  SW_PROVIDER_FORBIDDEN: {
    http: 403,
    retry: 'auth',
    text: 'The provider refused access (scope or consent missing).',
  },
  SW_PROVIDER_GONE: {
    http: 410,
    retry: 'auth',
    text: 'The provider API is gone; reconnect through its successor.',
  },
  SW_PROVIDER_BAD_RESPONSE: {
    http: 502,
    retry: 'retry',
    text: 'The provider answered with something unreadable.',
  },
  SW_PROVIDER_REQUEST_REJECTED: {
    http: 400,
    retry: 'skip',
    text: 'The provider rejected the request as invalid.',
  },
  // API errors
  SW_VALIDATION_FAILED: { http: 400, retry: 'none', text: 'The request failed validation.' },
  SW_MALFORMED_JSON: { http: 400, retry: 'none', text: 'The request body is not valid JSON.' },
  SW_UNSUPPORTED_MEDIA_TYPE: {
    http: 415,
    retry: 'none',
    text: 'The request body has an unsupported content type.',
  },
  // Framework-level refusals, in the same shape as every other error (issue 9 §1)
  SW_BODY_TOO_LARGE: {
    http: 413,
    retry: 'none',
    text: 'The request body is larger than this route accepts.',
  },
  SW_URI_TOO_LONG: {
    http: 414,
    retry: 'none',
    text: 'The request path or one of its parameters is too long.',
  },
  SW_HEADERS_TOO_LARGE: { http: 431, retry: 'none', text: 'The request headers are too large.' },
  SW_METHOD_NOT_ALLOWED: {
    http: 405,
    retry: 'none',
    text: 'This route does not answer this method; the Allow header lists those it does.',
  },
  SW_REQUEST_TIMEOUT: { http: 408, retry: 'none', text: 'The request was not received in time.' },
  SW_BAD_REQUEST: {
    http: 400,
    retry: 'none',
    text: 'The request is malformed (its HTTP framing or URL encoding).',
  },
  SW_UNAUTHENTICATED: { http: 401, retry: 'none', text: 'Missing or invalid access token.' },
  SW_INVALID_CREDENTIALS: { http: 401, retry: 'none', text: 'Wrong email or password.' },
  SW_FORBIDDEN: { http: 403, retry: 'none', text: 'Not allowed.' },
  SW_NOT_FOUND: { http: 404, retry: 'none', text: 'No such resource.' },
  SW_EMAIL_TAKEN: { http: 409, retry: 'none', text: 'An account with this email exists.' },
  SW_CONFLICT: { http: 409, retry: 'none', text: 'The request conflicts with the current state.' },
  SW_CONFLICT_ALREADY_APPLIED: {
    http: 409,
    retry: 'none',
    text: 'A sync run already applied this conflict; its resolution can no longer change.',
  },
  SW_RULE_INVALID: { http: 422, retry: 'none', text: 'The sync rule cannot work with these connections.' },
  SW_RULE_DUPLICATE: {
    http: 409,
    retry: 'none',
    text: 'Another rule already moves the same data types between the same two connections.',
  },
  SW_RULE_DISABLED: { http: 409, retry: 'none', text: 'The rule is disabled; enable it to sync.' },
  SW_CONNECTION_NOT_READY: { http: 409, retry: 'none', text: 'The connection needs to be re-authorised.' },
  SW_OAUTH_STATE_INVALID: { http: 400, retry: 'none', text: 'The OAuth state is unknown, used or expired.' },
  SW_OAUTH_DENIED: { http: 400, retry: 'none', text: 'The user denied access at the provider.' },
  SW_OAUTH_EXCHANGE_FAILED: {
    http: 502,
    retry: 'none',
    text: 'The provider refused the authorization code.',
  },
  SW_PROVIDER_NOT_CONFIGURED: {
    http: 404,
    retry: 'none',
    text: 'This provider is not configured on this server.',
  },
  SW_WEBHOOK_REJECTED: {
    http: 403,
    retry: 'none',
    text: 'The webhook signature or verification token is invalid.',
  },
  SW_RATE_LIMITED: {
    http: 429,
    retry: 'none',
    text: 'Too many requests or failed log-ins; retry after the Retry-After header.',
  },
  SW_NOT_READY: { http: 503, retry: 'none', text: 'A dependency is unavailable.' },
  SW_CONFIG_INVALID: { http: 500, retry: 'none', text: 'The configuration is invalid.' },
  SW_VAULT_KEY_MISMATCH: { http: 500, retry: 'none', text: 'The master key cannot decrypt stored secrets.' },
  SW_RUN_LOCK_LOST: {
    http: 409,
    retry: 'retry',
    text: 'Another worker holds the rule; this run did not commit.',
  },
  // AI Insights Service (DESIGN §6b)
  SW_INSIGHTS_UNAVAILABLE: {
    http: 503,
    retry: 'none',
    text: 'The insights service is slow or down; syncing goes on without it.',
  },
  SW_INSIGHTS_CONVERSATION_CLOSED: {
    http: 409,
    retry: 'none',
    text: 'This troubleshooting conversation has ended; start a new one.',
  },
  SW_INSIGHTS_SUMMARY_READY: {
    http: 200,
    retry: 'none',
    text: 'A weekly summary is ready to read (its numbers are recomputed when read).',
  },
  SW_BACKFILL_COMPLETED: {
    http: 200,
    retry: 'none',
    text: 'The backfill read and wrote all of the history it was asked for.',
  },
  SW_RUN_CANCELLED: {
    http: 409,
    retry: 'none',
    text: 'The run was stopped by its owner (backfill cancelled or rule disabled); what it committed stays.',
  },
  // AI Insights Service
  SW_INSIGHTS_MODEL_INVALID: {
    http: 500,
    retry: 'none',
    text: 'The conflict-merge model file is missing, malformed, or was trained on other features than this build computes.',
  },
  SW_INTERNAL: { http: 500, retry: 'retry', text: 'An unexpected error.' },
} as const satisfies Record<
  string,
  { http: number; retry: 'none' | 'retry' | 'auth' | 'skip'; text: string }
>;

export type ErrorCode = keyof typeof ERROR_CODES;
export type RetryClass = (typeof ERROR_CODES)[ErrorCode]['retry'];

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CODES, value);
}
