import type { ProviderClientConfig, ProviderModule } from '@syncwell/core';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { WithingsDataClient } from './data-client.js';
import { withingsFacts } from './facts.js';
import { WithingsOAuthClient } from './oauth-client.js';
import { WithingsWebhookVerifier } from './webhooks.js';
import { WithingsApi } from './withings-api.js';

/**
 * @example
 *   const withings = withingsModule.create({ clientId, clientSecret, baseUrls: withingsModule.facts.defaultBaseUrls });
 *   const grant = await withings.oauth.exchangeCode({ code, redirectUri });
 */
export const withingsModule: ProviderModule = {
  facts: withingsFacts,
  create(config: ProviderClientConfig) {
    // No rate-limit headers to read: the API reports its 601 through `WithingsApi`.
    const http = new ProviderHttpClient({ provider: 'withings', config });
    const api = new WithingsApi(http, config);
    return {
      oauth: new WithingsOAuthClient(config, api),
      data: new WithingsDataClient(api),
      webhooks: new WithingsWebhookVerifier(config),
    };
  },
};

export { withingsFacts, WITHINGS_APPLI, WITHINGS_TOKENS } from './facts.js';
export { WITHINGS_CALLBACK_TOKEN_PARAM } from './webhooks.js';
export { scaledMeasure, toMeasure } from './measure-scale.js';
export { withingsCategoryFor } from './sport-table.js';
