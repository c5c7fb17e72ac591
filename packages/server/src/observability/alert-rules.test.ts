import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportedMetricNames, metricNamesIn } from './exported-metric-names.js';

const PROMETHEUS = fileURLToPath(new URL('../../../../deploy/prometheus/', import.meta.url));
const ALERTMANAGER = fileURLToPath(
  new URL('../../../../deploy/alertmanager/alertmanager.yml', import.meta.url),
);
const RULE_FILES = ['syncwell-alerts.yml', 'syncwell-recording.yml'];

/** Runs a tool from Debian's prometheus / prometheus-alertmanager (scripts/ensure-system-packages.sh). */
function run(tool: string, args: readonly string[], cwd: string): { code: number | null; output: string } {
  const result = spawnSync(tool, args, { cwd, encoding: 'utf8' });
  if (result.error)
    throw new Error(`${tool} is missing: npm test's pretest installs it (${result.error.message})`);
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The PromQL of each rule: `expr: <line>` or an `expr: |` block (our files' two shapes). */
function expressions(file: string): string[] {
  const lines = readFileSync(PROMETHEUS + file, 'utf8').split('\n');
  const found: string[] = [];
  lines.forEach((line, i) => {
    const match = /^(\s*)expr:\s*(.*)$/.exec(line);
    if (match === null) return;
    if (match[2] !== '|') {
      found.push(match[2] ?? '');
      return;
    }
    const indent = (match[1] ?? '').length;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] ?? '';
      if (next.trim() !== '' && next.search(/\S/) <= indent) break;
      block.push(next);
    }
    found.push(block.join('\n'));
  });
  return found;
}

describe('alert rules (deploy/prometheus)', () => {
  it('are valid Prometheus rules', () => {
    const { code, output } = run('promtool', ['check', 'rules', ...RULE_FILES], PROMETHEUS);
    expect(code, output).toBe(0);
  });

  it('pass their promtool unit tests (each alert fires on its trouble and not on a healthy series)', () => {
    const { code, output } = run('promtool', ['test', 'rules', 'syncwell-alerts.test.yml'], PROMETHEUS);
    expect(code, output).toBe(0);
    expect(output).toContain('SUCCESS');
  });

  it('cover every alert the issue asks for, each with a unit test', () => {
    const alerts = [
      ...readFileSync(PROMETHEUS + 'syncwell-alerts.yml', 'utf8').matchAll(/- alert: (\w+)/g),
    ].map((m) => m[1]);
    expect(alerts.sort()).toEqual(
      [
        'ActiveUsersDrop',
        'ApiLatencyP99High',
        'BackfillThroughputDrop',
        'CacheEvictionsHigh',
        'DeadLettersPresent',
        'InsightsAvailabilityLow',
        'JobFailureRateHigh',
        'ManualSyncLatencyHigh',
        'ReAuthSpike',
        'SyncSuccessRateLow',
        'WorkerJobLatencyP99High',
      ].sort(),
    );
    const tests = readFileSync(PROMETHEUS + 'syncwell-alerts.test.yml', 'utf8');
    for (const alert of alerts)
      expect(tests, alert).toMatch(new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`));
  });

  it('read only metrics the code exports', async () => {
    const exported = await exportedMetricNames();
    const recorded = new Set(
      [...readFileSync(PROMETHEUS + 'syncwell-recording.yml', 'utf8').matchAll(/record: (\S+)/g)].map(
        (m) => m[1],
      ),
    );
    for (const file of RULE_FILES) {
      const exprs = expressions(file);
      expect(exprs.length).toBeGreaterThan(0);
      for (const expr of exprs) {
        for (const name of metricNamesIn(expr)) {
          expect(exported.has(name) || recorded.has(name), `${file}: ${name} is not exported`).toBe(true);
        }
      }
    }
  });
});

describe('alertmanager example (deploy/alertmanager)', () => {
  it('is a valid configuration', () => {
    const { code, output } = run('amtool', ['check-config', ALERTMANAGER], PROMETHEUS);
    expect(code, output).toBe(0);
  });

  it('pages the on-call receiver for severity=page and sends tickets to the team', () => {
    const route = (labels: string) =>
      execFileSync('amtool', ['config', 'routes', 'test', `--config.file=${ALERTMANAGER}`, labels], {
        encoding: 'utf8',
      }).trim();
    expect(route('severity=page')).toContain('syncwell-oncall');
    expect(route('severity=ticket')).toBe('syncwell-team');
  });
});
