import type { ProviderClientConfig, ProviderModule } from '@syncwell/core';
import { decodeWorkoutFit } from '../formats/index.js';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { GarminDataClient, type GarminDataClientOptions } from './data-client.js';
import { garminFacts } from './facts.js';
import { GarminOAuthClient } from './oauth-client.js';
import { garminRetryAfterMs, readGarminRateLimits } from './rate-limit-headers.js';
import { GarminWebhookVerifier } from './webhooks.js';

export type GarminModuleOptions = Omit<GarminDataClientOptions, 'apiBaseUrl' | 'decodeFit'>;

/**
 * @example
 *   const garmin = createGarminModule().create({ clientId, clientSecret, baseUrls: garminFacts.defaultBaseUrls, webhookVerifyToken });
 *   const url = garmin.oauth.authorizeUrl({ state, redirectUri, codeChallenge }); // PKCE S256
 */
export function createGarminModule(options: GarminModuleOptions = {}): ProviderModule {
  return {
    facts: garminFacts,
    create(config: ProviderClientConfig) {
      const http = new ProviderHttpClient({
        provider: 'garmin',
        config,
        readRateLimits: readGarminRateLimits,
        retryAfterMs: garminRetryAfterMs,
        ...(options.now === undefined ? {} : { now: options.now }),
      });
      return {
        oauth: new GarminOAuthClient(config, http, options.now),
        data: new GarminDataClient(http, {
          ...options,
          apiBaseUrl: config.baseUrls.api,
          decodeFit: decodeWorkoutFit,
        }),
        webhooks: new GarminWebhookVerifier(config),
      };
    },
  };
}

export const garminModule: ProviderModule = createGarminModule();

export { garminFacts } from './facts.js';
export { GARMIN_CALLBACK_KEY_PARAM } from './webhooks.js';
export { garminPushRecords } from './push-records.js';
export { garminActivityTypeOf } from './sport-table.js';
