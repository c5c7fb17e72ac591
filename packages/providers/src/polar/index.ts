import type { ProviderClientConfig, ProviderModule } from '@syncwell/core';
import { decodeWorkoutFit } from '../formats/index.js';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { PolarDataClient } from './data-client.js';
import { polarFacts } from './facts.js';
import { PolarOAuthClient } from './oauth-client.js';
import { polarRetryAfterMs, readPolarRateLimits } from './rate-limit-headers.js';
import { PolarWebhookVerifier } from './webhooks.js';

/**
 * @example
 *   const polar = polarModule.create({ clientId, clientSecret, baseUrls: polarModule.facts.defaultBaseUrls });
 *   const grant = await polar.oauth.exchangeCode({ code, redirectUri });
 *   await polar.oauth.afterConnect?.(grant); // mandatory registration
 */
export const polarModule: ProviderModule = {
  facts: polarFacts,
  create(config: ProviderClientConfig) {
    const http = new ProviderHttpClient({
      provider: 'polar',
      config,
      readRateLimits: readPolarRateLimits,
      retryAfterMs: polarRetryAfterMs,
    });
    return {
      oauth: new PolarOAuthClient(config, http),
      data: new PolarDataClient(http, { apiBaseUrl: config.baseUrls.api, decodeFit: decodeWorkoutFit }),
      webhooks: new PolarWebhookVerifier(config),
    };
  },
};

export { polarFacts } from './facts.js';
export { polarSignature } from './webhooks.js';
