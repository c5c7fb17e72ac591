import type { ProviderClientConfig, ProviderModule } from '@syncwell/core';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { OuraCollectionReader } from './collection-reader.js';
import { OuraDataClient } from './data-client.js';
import { ouraFacts } from './facts.js';
import { OuraOAuthClient } from './oauth-client.js';
import { ouraRetryAfterMs, readOuraRateLimits } from './rate-limit-headers.js';
import { OuraWebhookVerifier } from './webhooks.js';

/**
 * @example
 *   const oura = ouraModule.create({ clientId, clientSecret, baseUrls: ouraModule.facts.defaultBaseUrls,
 *     webhookVerifyToken });
 *   const grant = await oura.oauth.exchangeCode({ code, redirectUri });
 *   const page = await oura.data.read(session, { dataType: 'sleep', cursor: null });
 */
export const ouraModule: ProviderModule = {
  facts: ouraFacts,
  create(config: ProviderClientConfig) {
    const http = new ProviderHttpClient({
      provider: 'oura',
      config,
      readRateLimits: readOuraRateLimits,
      retryAfterMs: ouraRetryAfterMs,
    });
    return {
      oauth: new OuraOAuthClient(config, http),
      data: new OuraDataClient(new OuraCollectionReader(http, config.baseUrls.api)),
      webhooks: new OuraWebhookVerifier(config),
    };
  },
};

export { ouraFacts } from './facts.js';
export { ouraSignature } from './webhooks.js';
