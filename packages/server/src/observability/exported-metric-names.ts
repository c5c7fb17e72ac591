import { collectDefaultMetrics, Registry } from 'prom-client';
import { createSyncWellMetrics } from './sync-metrics.js';

/**
 * Every series name a SyncWell process can expose (histograms with their _bucket, _sum and
 * _count), read from a registry built the way the runtime builds it. Tests check the alert
 * rules and dashboards against it, so neither can name a metric the code does not export.
 */
export async function exportedMetricNames(): Promise<ReadonlySet<string>> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  createSyncWellMetrics(registry);
  const names = new Set<string>();
  for (const metric of await registry.getMetricsAsJSON()) {
    names.add(metric.name);
    // prom-client types `type` as a numeric enum, but the JSON carries the text ('histogram').
    const type = String(metric.type);
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(metric.name + suffix);
  }
  return names;
}

/** The metric names a PromQL expression mentions: every identifier of ours (syncwell_ …, syncwell: …). */
export function metricNamesIn(expression: string): string[] {
  // Strip label matchers and strings first so label values are not taken for metric names.
  const bare = expression.replace(/\{[^}]*\}/g, '').replace(/"[^"]*"|'[^']*'/g, '');
  return [...new Set(bare.match(/\b(?:syncwell[_:]|process_|nodejs_)[a-zA-Z0-9_:]*/g) ?? [])];
}
