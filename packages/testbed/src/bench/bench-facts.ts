import type { DataType, ProviderFacts, ProviderId } from '@syncwell/core';

export interface BenchFactsOptions {
  /**
   * A real id from core's PROVIDER_IDS, so the store and the API accept connections and rules.
   * These modules only borrow it: nothing here talks to that platform.
   */
  readonly id: ProviderId;
  readonly readable: readonly DataType[];
  readonly writable: readonly DataType[];
}

/**
 * Facts of an in-process benchmark provider: no URLs worth calling, long-lived tokens (so a
 * job never refreshes), no rate limits (the benchmark measures SyncWell, not a budget).
 */
export function benchFacts(options: BenchFactsOptions): ProviderFacts {
  return {
    id: options.id,
    displayName: `Benchmark ${options.id} (in-process, not the real ${options.id})`,
    defaultBaseUrls: {
      api: 'http://127.0.0.1:9/bench-api',
      authorize: 'http://127.0.0.1:9/bench-authorize',
      token: 'http://127.0.0.1:9/bench-token',
    },
    auth: {
      kind: 'oauth2',
      scopes: ['bench'],
      scopeSeparator: ' ',
      pkce: 'none',
      clientAuth: 'body',
      refresh: 'none',
      accessTokenLifetimeSeconds: null,
    },
    capabilities: {
      readable: options.readable,
      writable: options.writable,
      push: 'none',
      backfillWindowDays: null,
    },
    rateLimits: [],
    terms: { ownerOnly: false, excludeFromTraining: false },
  };
}
