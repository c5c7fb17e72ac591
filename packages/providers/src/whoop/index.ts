import type { ProviderClientConfig, ProviderModule } from '@syncwell/core';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { WhoopDataClient } from './data-client.js';
import { whoopFacts } from './facts.js';
import { WhoopOAuthClient } from './oauth-client.js';
import { readWhoopRateLimits, whoopRetryAfterMs } from './rate-limit-headers.js';
import { WhoopWebhookVerifier } from './webhooks.js';

/** Builds the module; tests pass a smaller page size to cross pages with few records. */
export function createWhoopModule(options: { pageSize?: number } = {}): ProviderModule {
  return {
    facts: whoopFacts,
    create(config: ProviderClientConfig) {
      const http = new ProviderHttpClient({
        provider: 'whoop',
        config,
        readRateLimits: readWhoopRateLimits,
        retryAfterMs: whoopRetryAfterMs,
      });
      return {
        oauth: new WhoopOAuthClient(config, http),
        data: new WhoopDataClient(http, {
          apiBaseUrl: config.baseUrls.api,
          ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
        }),
        webhooks: new WhoopWebhookVerifier(config),
      };
    },
  };
}

/**
 * @example
 *   const whoop = whoopModule.create({ clientId, clientSecret, baseUrls: whoopModule.facts.defaultBaseUrls });
 *   const grant = await whoop.oauth.exchangeCode({ code, redirectUri }); // reads the profile for user_id
 */
export const whoopModule: ProviderModule = createWhoopModule();

export { whoopFacts } from './facts.js';
export { whoopSignature } from './webhooks.js';
