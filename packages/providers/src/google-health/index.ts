import type { ProviderClientConfig, ProviderModule } from '@syncwell/core';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { GoogleHealthDataClient } from './data-client.js';
import { googleHealthFacts } from './facts.js';
import { GoogleHealthOAuthClient } from './oauth-client.js';
import { googleHealthRetryAfterMs, readGoogleHealthRateLimits } from './rate-limit-headers.js';
import { GoogleHealthWebhookVerifier } from './webhooks.js';

export interface GoogleHealthModuleOptions {
  /** Exercise and sleep sessions per page (Google's cap is 25); tests use small pages. */
  readonly sessionPageSize?: number;
}

/**
 * @example
 *   const google = createGoogleHealthModule().create({ clientId, clientSecret, baseUrls, webhookVerifyToken });
 *   const url = google.oauth.authorizeUrl({ state, redirectUri, codeChallenge });
 */
export function createGoogleHealthModule(options: GoogleHealthModuleOptions = {}): ProviderModule {
  return {
    facts: googleHealthFacts,
    create(config: ProviderClientConfig) {
      const http = new ProviderHttpClient({
        provider: 'google_health',
        config,
        readRateLimits: readGoogleHealthRateLimits,
        retryAfterMs: googleHealthRetryAfterMs,
      });
      return {
        oauth: new GoogleHealthOAuthClient(config, http),
        data: new GoogleHealthDataClient(http, {
          apiBaseUrl: config.baseUrls.api,
          ...(options.sessionPageSize === undefined ? {} : { sessionPageSize: options.sessionPageSize }),
        }),
        webhooks: new GoogleHealthWebhookVerifier(config),
      };
    },
  };
}

export const googleHealthModule: ProviderModule = createGoogleHealthModule();

export { googleHealthFacts } from './facts.js';
