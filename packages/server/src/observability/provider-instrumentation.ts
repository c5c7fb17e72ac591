import { SpanKind } from '@opentelemetry/api';
import type { ProviderBundle, ProviderFacts, RateLimitSnapshot } from '@syncwell/core';
import { endpointTemplate } from './endpoint-template.js';
import type { SyncWellMetrics } from './sync-metrics.js';
import { inSpan } from './tracing.js';
import { overrideMethods } from './method-override.js';

/**
 * The provider HTTP layer seen by metrics and traces: every request a provider client makes
 * goes through this `fetch` (ProviderClientConfig.fetch), so each call is a client span and is
 * counted by provider, method, endpoint template and status with its latency. The trace context
 * is not sent to the provider: their clouds are not ours to trace.
 */
export function instrumentedFetch(
  provider: string,
  metrics: SyncWellMetrics,
  base: typeof fetch = globalThis.fetch,
): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const endpoint = endpointTemplate(url.pathname);
    return inSpan(
      `${provider} ${method} ${endpoint}`,
      {
        'http.request.method': method,
        'server.address': url.hostname,
        'url.template': endpoint,
        'syncwell.provider': provider,
      },
      async (span) => {
        const stop = metrics.providerRequestDuration.startTimer({ provider, method, endpoint });
        let status = 'error';
        try {
          const response = await base(input, init);
          status = String(response.status);
          span.setAttribute('http.response.status_code', response.status);
          return response;
        } finally {
          stop();
          metrics.providerRequests.inc({ provider, method, endpoint, status });
        }
      },
      { kind: SpanKind.CLIENT },
    );
  };
}

/** Counts token refreshes by provider and outcome around the bundle's OAuth client. */
export function instrumentBundle(
  facts: ProviderFacts,
  bundle: ProviderBundle,
  metrics: SyncWellMetrics,
): ProviderBundle {
  const refresh = bundle.oauth.refresh?.bind(bundle.oauth);
  if (refresh === undefined) return bundle;
  const provider = facts.id;
  const oauth = overrideMethods(bundle.oauth, {
    refresh: async (refreshToken: string) => {
      try {
        const tokens = await refresh(refreshToken);
        metrics.tokenRefreshes.inc({ provider, outcome: 'success' });
        return tokens;
      } catch (error) {
        metrics.tokenRefreshes.inc({ provider, outcome: 'failure' });
        throw error;
      }
    },
  });
  return { ...bundle, oauth };
}

/** What a provider's rate-limit headers said, as gauges (the same sink calibrates our budgets). */
export function recordRateLimit(metrics: SyncWellMetrics, snapshot: RateLimitSnapshot): void {
  const labels = { provider: snapshot.provider, window: snapshot.name };
  metrics.providerRateLimitRemaining.set(labels, Math.max(0, snapshot.limit - snapshot.used));
  metrics.providerRateLimitLimit.set(labels, snapshot.limit);
}
