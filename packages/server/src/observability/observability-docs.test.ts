import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createSyncWellMetrics } from './sync-metrics.js';

const DOC = readFileSync(
  fileURLToPath(new URL('../../../../docs/observability.md', import.meta.url)),
  'utf8',
);

describe('docs/observability.md', () => {
  it('describes every metric SyncWell registers, and the KPIs carry their definition in HELP', async () => {
    const registry = new Registry();
    createSyncWellMetrics(registry);
    const metrics = await registry.getMetricsAsJSON();
    for (const metric of metrics) expect(DOC, metric.name).toContain(`\`${metric.name}\``);
    const kpis = [
      'SyncSuccessRate',
      'P95_ManualSyncLatency',
      'HistoricalSyncThroughput',
      'ConflictResolutionRate',
      'AI_Service_Availability',
      'ReAuthRate',
      'NewUser_TimeToFirstSync',
    ];
    for (const kpi of kpis) {
      expect(DOC, kpi).toContain(`### ${kpi}`);
      expect(
        metrics.some((m) => m.help.startsWith(`KPI ${kpi}`)),
        kpi,
      ).toBe(true);
    }
  });
});
