import { SyncWellError, type ProviderId, type ProviderModule } from '@syncwell/core';
import { polarModule } from './polar/index.js';
import { stravaModule } from './strava/index.js';
import { ouraModule } from './oura/index.js';
import { garminModule } from './garmin/index.js';
import { whoopModule } from './whoop/index.js';
import { fitbitLegacyModule } from './fitbit-legacy/index.js';
import { googleHealthModule } from './google-health/index.js';
import { withingsModule } from './withings/index.js';

/** Every provider with a client in this package, by id. Adding one is one line here. */
export const PROVIDER_MODULES: ReadonlyMap<ProviderId, ProviderModule> = new Map<ProviderId, ProviderModule>([
  [polarModule.facts.id, polarModule],
  [stravaModule.facts.id, stravaModule],
  [ouraModule.facts.id, ouraModule],
  [garminModule.facts.id, garminModule],
  [whoopModule.facts.id, whoopModule],
  [withingsModule.facts.id, withingsModule],
  [googleHealthModule.facts.id, googleHealthModule],
  [fitbitLegacyModule.facts.id, fitbitLegacyModule],
]);

/** The module for `id`; throws `SW_PROVIDER_NOT_CONFIGURED` when this package has no client for it. */
export function getProviderModule(id: ProviderId): ProviderModule {
  const found = PROVIDER_MODULES.get(id);
  if (found === undefined) {
    throw new SyncWellError('SW_PROVIDER_NOT_CONFIGURED', `No client for provider ${id}`, { provider: id });
  }
  return found;
}
