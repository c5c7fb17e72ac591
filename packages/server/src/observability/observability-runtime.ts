import type { AvailabilityStats } from '@syncwell/insights';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { startMetricsServer, type MetricsServer } from './metrics-server.js';
import { loadObservabilitySettings, type ObservabilitySettings } from './observability-settings.js';
import { createSyncWellMetrics, type SyncWellMetrics } from './sync-metrics.js';
import { startTracing, type Tracing } from './tracing.js';

export interface Observability {
  readonly settings: ObservabilitySettings;
  readonly metrics: SyncWellMetrics;
  /** Where the metrics port serves, when this process has one (not the api: its /metrics is a route). */
  metricsUrl(): string | undefined;
  /** Starts the metrics port when configured and this process serves no API. */
  serveMetrics(servesApi: boolean): Promise<void>;
  /** Reads the insights client's call outcomes at each scrape (AI_Service_Availability). */
  observeInsights(availability: () => AvailabilityStats): void;
  /** Reads Redis's eviction count at each scrape. */
  observeEvictions(evictedKeys: () => Promise<number>): void;
  close(): Promise<void>;
}

/**
 * Metrics and tracing of one runtime: a registry of its own (process metrics included, so two
 * runtimes in one test process do not collide), tracing when an OTLP endpoint is configured.
 */
export async function startObservability(
  env: Readonly<Record<string, string | undefined>>,
  serviceName: string,
): Promise<Observability> {
  const settings = loadObservabilitySettings(env);
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics({ register: registry });
  const metrics = createSyncWellMetrics(registry);
  const tracing: Tracing = await startTracing({ url: settings.otlpTracesUrl, serviceName });
  let server: MetricsServer | undefined;
  return {
    settings,
    metrics,
    metricsUrl: () => server?.url,
    serveMetrics: async (servesApi) => {
      if (servesApi || settings.metricsPort === undefined) return;
      server = await startMetricsServer({
        metrics,
        host: settings.metricsHost,
        port: settings.metricsPort,
        token: settings.metricsToken,
      });
    },
    observeInsights: (availability) => {
      metrics.beforeScrape.push(() => {
        const stats = availability();
        const counts = {
          success: stats.successes,
          failure: stats.failures,
          timeout: stats.timeouts,
          short_circuited: stats.shortCircuited,
        };
        metrics.insightsCalls.reset();
        for (const [outcome, n] of Object.entries(counts)) metrics.insightsCalls.inc({ outcome }, n);
        metrics.insightsBreakerOpen.set(
          stats.breaker === 'open' ? 1 : stats.breaker === 'half_open' ? 0.5 : 0,
        );
        return Promise.resolve();
      });
    },
    observeEvictions: (evictedKeys) => {
      metrics.beforeScrape.push(async () => {
        const total = await evictedKeys();
        metrics.cacheEvictions.reset();
        metrics.cacheEvictions.inc(total);
      });
    },
    close: async () => {
      await server?.close();
      await tracing.close();
    },
  };
}
