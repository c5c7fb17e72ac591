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
    /** Observes each provider's HTTP layer and bundle (metrics, spans: server/src/observability). */
    readonly instrument?: {
      readonly fetch: (facts: ProviderFacts, base: typeof fetch | undefined) => typeof fetch;
      readonly bundle: (facts: ProviderFacts, bundle: ProviderBundle) => ProviderBundle;
    };
  } = {},
): ReadonlyMap<ProviderId, ProviderBundle> {
  const bundles = new Map<ProviderId, ProviderBundle>();
  for (const module of modules) {
    const settings = config.providers.get(module.facts.id);
    if (settings === undefined) continue;
    const sink = options.onRateLimitHeaders?.(module.facts);
    const instrument = options.instrument;
    const withFetch = instrument
      ? { ...settings, fetch: instrument.fetch(module.facts, settings.fetch) }
      : settings;
    const bundle = module.create(sink ? { ...withFetch, onRateLimitHeaders: sink } : withFetch);
    bundles.set(module.facts.id, instrument ? instrument.bundle(module.facts, bundle) : bundle);
  }
  return bundles;
}
