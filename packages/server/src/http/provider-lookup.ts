import { SyncWellError, type ProviderBundle, type ProviderId } from '@syncwell/core';

export class ProviderNotConfiguredError extends SyncWellError {
  constructor(provider: string) {
    super('SW_PROVIDER_NOT_CONFIGURED', undefined, { provider });
  }
}

/** The bundle of a configured provider; anything else (unknown id included) is not configured. */
export function configuredBundle(
  providers: ReadonlyMap<ProviderId, ProviderBundle>,
  provider: string,
): { id: ProviderId; bundle: ProviderBundle } {
  for (const [id, bundle] of providers) {
    if (id === provider) return { id, bundle };
  }
  throw new ProviderNotConfiguredError(provider);
}
