import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportedMetricNames, metricNamesIn } from './exported-metric-names.js';

const GRAFANA = fileURLToPath(new URL('../../../../deploy/grafana/', import.meta.url));
const RECORDING = fileURLToPath(
  new URL('../../../../deploy/prometheus/syncwell-recording.yml', import.meta.url),
);

interface Target {
  refId: string;
  expr: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets: Target[];
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
}

const files = readdirSync(GRAFANA).filter((f) => f.endsWith('.json'));
const dashboards = files.map((file) => ({
  file,
  json: JSON.parse(readFileSync(GRAFANA + file, 'utf8')) as Dashboard,
}));

describe('Grafana dashboards (deploy/grafana)', () => {
  it('one per service and one per user-facing feature', () => {
    expect(files.sort()).toEqual(
      [
        'service-api.json',
        'service-worker.json',
        'service-scheduler.json',
        'service-insights.json',
        'feature-sync-health.json',
        'feature-manual-sync.json',
        'feature-backfills.json',
        'feature-conflicts.json',
        'feature-ai.json',
        'feature-reauth.json',
        'feature-onboarding.json',
      ].sort(),
    );
    expect(new Set(dashboards.map((d) => d.json.uid)).size).toBe(dashboards.length);
  });

  it.each(dashboards)(
    '$file: every panel queries Prometheus with at least one query, inside the 24-column grid',
    ({ json }) => {
      expect(json.title).toMatch(/^SyncWell \/ /);
      expect(json.panels.length).toBeGreaterThan(0);
      expect(new Set(json.panels.map((p) => p.id)).size).toBe(json.panels.length);
      for (const panel of json.panels) {
        expect(panel.datasource.type, panel.title).toBe('prometheus');
        expect(panel.targets.length, panel.title).toBeGreaterThan(0);
        expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
      }
    },
  );

  it.each(dashboards)(
    '$file: every query names only metrics the code exports (or KPI series recorded from them)',
    async ({ json }) => {
      const exported = await exportedMetricNames();
      const recorded = new Set(
        [...readFileSync(RECORDING, 'utf8').matchAll(/record: (\S+)/g)].map((m) => m[1]),
      );
      for (const panel of json.panels) {
        for (const target of panel.targets) {
          const names = metricNamesIn(target.expr);
          expect(names.length, `${panel.title}: ${target.expr}`).toBeGreaterThan(0);
          for (const name of names) {
            expect(exported.has(name) || recorded.has(name), `${panel.title}: ${name} is not exported`).toBe(
              true,
            );
          }
        }
      }
    },
  );

  it('the check catches a query naming a metric nobody exports', async () => {
    const exported = await exportedMetricNames();
    expect(
      metricNamesIn('sum(rate(syncwell_sync_jobz_total{outcome="x"}[5m]))').every((n) => exported.has(n)),
    ).toBe(false);
    expect(metricNamesIn('sum(rate(syncwell_sync_jobs_total{outcome="syncwell_nope"}[5m]))')).toEqual([
      'syncwell_sync_jobs_total',
    ]);
  });
});
