import type { ProviderClientConfig, ProviderModule } from '@syncwell/core';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { FitbitLegacyDataClient } from './data-client.js';
import { fitbitLegacyFacts } from './facts.js';
import { FitbitLegacyOAuthClient } from './oauth-client.js';

/**
 * The legacy Fitbit Web API client: it exists so connections made before the 2026-11-02 turndown
 * end with `SW_PROVIDER_GONE` and a reconnect-through-Google-Health message instead of retrying.
 */
export const fitbitLegacyModule: ProviderModule = {
  facts: fitbitLegacyFacts,
  create(config: ProviderClientConfig) {
    const http = new ProviderHttpClient({ provider: 'fitbit_legacy', config });
    return {
      oauth: new FitbitLegacyOAuthClient(config, http),
      data: new FitbitLegacyDataClient(http, config.baseUrls.api),
      webhooks: null,
    };
  },
};

export { fitbitLegacyFacts, FITBIT_RETIREMENT } from './facts.js';
