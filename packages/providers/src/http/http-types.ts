import type { ProviderClientConfig, ProviderId, RateLimitSnapshot } from '@syncwell/core';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One outgoing request. Tokens travel only in `headers` or `body`, never in `url`. */
export interface HttpCall {
  readonly method: HttpMethod;
  readonly url: string | URL;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | URLSearchParams | FormData;
  /**
   * Non-2xx statuses the caller inspects itself instead of getting a `ProviderError`
   * (a token endpoint's 400 `invalid_grant`, Polar's 409 on repeated registration).
   */
  readonly allowStatuses?: readonly number[];
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

/**
 * What a provider folder tells the shared HTTP layer about itself. The layer knows no provider
 * by name; header formats and 429 waits are the provider's facts.
 */
export interface ProviderHttpOptions {
  readonly provider: ProviderId;
  readonly config: ProviderClientConfig;
  /** Reads the rate-limit headers of any response; one snapshot per window. */
  readonly readRateLimits?: (headers: Headers, now: Date) => readonly RateLimitSnapshot[];
  /** How long a 429 asks us to wait, in ms; undefined when it does not say. */
  readonly retryAfterMs?: (headers: Headers, now: Date) => number | undefined;
  /** Injected for tests. */
  readonly now?: () => Date;
}
