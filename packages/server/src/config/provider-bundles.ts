import type {
  ProviderBundle,
  ProviderFacts,
  ProviderId,
  ProviderModule,
  RateLimitSnapshot,
} from '@syncwell/core';
import { PROVIDER_MODULES } from '@syncwell/providers';
import type { AppConfig } from './app-config.js';

/**
 * Instantiates the bundles of configured providers only; an unconfigured provider simply does
 * not exist for the API (its routes answer SW_PROVIDER_NOT_CONFIGURED).
 */
export function createProviderBundles(
  config: Pick<AppConfig, 'providers'>,
  modules: Iterable<ProviderModule> = PROVIDER_MODULES.values(),
  options: {
    /** A sink per provider for its rate-limit headers (the worker calibrates shared budgets). */
    readonly onRateLimitHeaders?: (facts: ProviderFacts) => (snapshot: RateLimitSnapshot) => void;
  } = {},
): ReadonlyMap<ProviderId, ProviderBundle> {
  const bundles = new Map<ProviderId, ProviderBundle>();
  for (const module of modules) {
    const settings = config.providers.get(module.facts.id);
    if (settings === undefined) continue;
    const sink = options.onRateLimitHeaders?.(module.facts);
    bundles.set(module.facts.id, module.create(sink ? { ...settings, onRateLimitHeaders: sink } : settings));
  }
  return bundles;
}
