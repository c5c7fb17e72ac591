import { systemClock } from '@syncwell/core';
import { ProviderError, type ProviderClientConfig, type ProviderSession } from '@syncwell/core';
import { bearer } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import { readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { bodyStatusError, type StatusContext } from './body-status.js';
import { WITHINGS_RATE_WINDOW_MS, withingsFacts } from './facts.js';
import { withingsEnvelope } from './schemas.js';

/**
 * Withings' call style: a form POST with an `action` field, answered HTTP 200 with
 * `{status, body}`. A non-zero body status becomes a typed `ProviderError` here, so callers only
 * ever see a successful `body`.
 *
 * @example
 *   const body = await api.call('/measure', 'getmeas', { category: '1' }, token);
 */
export class WithingsApi {
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly config: ProviderClientConfig,
    private readonly now: () => Date = systemClock.now,
  ) {}

  async call(
    path: string,
    action: string,
    params: Readonly<Record<string, string>>,
    accessToken?: string,
    context: StatusContext = 'data',
  ): Promise<unknown> {
    const url = path.startsWith('http') ? new URL(path) : joinUrl(this.config.baseUrls.api, path);
    const reply = await this.http.send({
      method: 'POST',
      url,
      headers: accessToken === undefined ? {} : bearer(accessToken),
      body: new URLSearchParams({ action, ...params }),
    });
    const envelope = readJsonAs(reply, withingsEnvelope, `Withings ${action}`);
    if (envelope.status === 0) return envelope.body ?? {};
    if (envelope.status === 601) this.reportExhausted();
    throw bodyStatusError(envelope.status, `POST ${url.pathname} action=${action}`, context);
  }

  /**
   * Withings sends no rate-limit headers; a 601 is the only thing it says about its window,
   * and it says the window is full. Shared budgets hear that, as they would hear a header.
   */
  private reportExhausted(): void {
    const limit = withingsFacts.rateLimits[0];
    const sink = this.config.onRateLimitHeaders;
    if (limit === undefined || sink === undefined) return;
    try {
      sink({
        provider: 'withings',
        name: limit.name,
        limit: limit.limit,
        used: limit.limit,
        resetAt: new Date(this.now().getTime() + WITHINGS_RATE_WINDOW_MS),
      });
    } catch {
      // A broken metrics sink must not change the outcome of a data call.
    }
  }
}

/**
 * Runs `call` with the session's token; after a body-status auth failure it refreshes once and
 * retries once (the shared `withAuthRetry` looks at HTTP 401, which Withings never sends).
 */
export async function withWithingsAuth<T>(
  session: ProviderSession,
  call: (accessToken: string) => Promise<T>,
): Promise<T> {
  const token = await session.accessToken();
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof ProviderError) || error.code !== 'SW_PROVIDER_AUTH_EXPIRED') throw error;
    return call(await session.refreshAccessToken());
  }
}
