import type { ProviderClientConfig, ProviderModule } from '@syncwell/core';
import { encodeWorkoutFit } from '../formats/index.js';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { StravaDataClient } from './data-client.js';
import { stravaFacts } from './facts.js';
import { StravaOAuthClient } from './oauth-client.js';
import { readStravaRateLimits, stravaRetryAfterMs } from './rate-limit-headers.js';
import { StravaWebhookVerifier } from './webhooks.js';

/** Strava asks clients to poll uploads at most once a second. */
const DEFAULT_UPLOAD_POLL_MS = 1000;
const UPLOAD_POLL_ATTEMPTS = 30;
const PAGE_SIZE = 100;

/**
 * @example
 *   const strava = stravaModule.create({ clientId, clientSecret, baseUrls: stravaModule.facts.defaultBaseUrls });
 *   const page = await strava.data.read(session, { dataType: 'workout', cursor: null });
 */
export const stravaModule: ProviderModule = {
  facts: stravaFacts,
  create(config: ProviderClientConfig) {
    const http = new ProviderHttpClient({
      provider: 'strava',
      config,
      readRateLimits: readStravaRateLimits,
      retryAfterMs: stravaRetryAfterMs,
    });
    return {
      oauth: new StravaOAuthClient(config, http),
      data: new StravaDataClient(http, {
        apiBaseUrl: config.baseUrls.api,
        perPage: PAGE_SIZE,
        uploadPollIntervalMs: config.pollIntervalMs ?? DEFAULT_UPLOAD_POLL_MS,
        uploadPollAttempts: UPLOAD_POLL_ATTEMPTS,
        encodeFit: encodeWorkoutFit,
      }),
      webhooks: new StravaWebhookVerifier(config),
    };
  },
};

export { stravaFacts } from './facts.js';
export { sportFromStrava, sportToStrava } from './sport-table.js';
export { syncTagFromExternalId } from './sync-tag.js';
