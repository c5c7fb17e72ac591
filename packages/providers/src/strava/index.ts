import type { ProviderBundle, ProviderClientConfig, ProviderModule } from '@syncwell/core';
import { encodeWorkoutFit } from '../formats/index.js';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { StravaDataClient } from './data-client.js';
import { stravaFacts } from './facts.js';
import { StravaOAuthClient } from './oauth-client.js';
import { readStravaRateLimits, stravaRetryAfterMs } from './rate-limit-headers.js';
import { StravaWebhookVerifier } from './webhooks.js';

/** Strava asks clients to poll uploads at most once a second. */
const DEFAULT_UPLOAD_POLL_MS = 1000;

export interface StravaModuleOptions {
  /** Activities per list request; 100 by default (Strava allows up to 200). */
  readonly pageSize?: number;
  /** Polls of an upload before giving up (the intent stays open for `findByTag`); default 30. */
  readonly uploadPollAttempts?: number;
}

/**
 * @example
 *   const strava = stravaModule.create({ clientId, clientSecret, baseUrls: stravaModule.facts.defaultBaseUrls });
 *   const page = await strava.data.read(session, { dataType: 'workout', cursor: null });
 */
export function createStravaModule(options: StravaModuleOptions = {}): ProviderModule {
  return {
    facts: stravaFacts,
    create: (config) => createStravaBundle(config, options),
  };
}

export const stravaModule: ProviderModule = createStravaModule();

function createStravaBundle(config: ProviderClientConfig, options: StravaModuleOptions): ProviderBundle {
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
      perPage: options.pageSize ?? 100,
      uploadPollIntervalMs: config.pollIntervalMs ?? DEFAULT_UPLOAD_POLL_MS,
      uploadPollAttempts: options.uploadPollAttempts ?? 30,
      encodeFit: encodeWorkoutFit,
    }),
    webhooks: new StravaWebhookVerifier(config, http),
  };
}

export { stravaFacts } from './facts.js';
export { sportFromStrava, sportToStrava } from './sport-table.js';
export { syncTagFromExternalId } from './sync-tag.js';
