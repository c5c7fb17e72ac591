import type { ProviderBaseUrls } from '@syncwell/core';
import { providerEnvName } from '@syncwell/server';
import { DEMO_CREDENTIALS, type DemoProvider } from './demo-credentials.js';

/**
 * The environment a deployment would set to point SyncWell's `provider` client at a simulator
 * (or any other cloud with the same API) using the demo credentials.
 *
 * @example
 *   startSyncWell({ env: { ...process.env, ...simulatorEnv('polar', polarSimulator) } });
 */
export function simulatorEnv(
  provider: DemoProvider,
  sim: { readonly baseUrls: ProviderBaseUrls },
): Record<string, string> {
  return {
    [providerEnvName(provider, 'clientId')]: DEMO_CREDENTIALS[provider].clientId,
    [providerEnvName(provider, 'clientSecret')]: DEMO_CREDENTIALS[provider].clientSecret,
    [providerEnvName(provider, 'apiUrl')]: sim.baseUrls.api,
    [providerEnvName(provider, 'authorizeUrl')]: sim.baseUrls.authorize,
    [providerEnvName(provider, 'tokenUrl')]: sim.baseUrls.token,
  };
}
