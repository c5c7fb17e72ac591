import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditUnavailableError, blockingAdvisories, judgeAudit, parseAllowList } from './audit-check.js';

/** The shape `npm audit --json` prints (auditReportVersion 2), trimmed to what is read. */
const report = {
  auditReportVersion: 2,
  vulnerabilities: {
    'fast-xml': {
      name: 'fast-xml',
      severity: 'critical',
      via: [
        {
          source: 1101234,
          name: 'fast-xml',
          title: 'Prototype pollution',
          url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
          severity: 'critical',
        },
      ],
    },
    'uses-fast-xml': { name: 'uses-fast-xml', severity: 'critical', via: ['fast-xml'] },
    'tiny-lib': {
      name: 'tiny-lib',
      severity: 'moderate',
      via: [
        {
          source: 1105555,
          name: 'tiny-lib',
          title: 'ReDoS',
          url: 'https://x/GHSA-dddd-eeee-ffff',
          severity: 'moderate',
        },
      ],
    },
  },
  metadata: { vulnerabilities: { moderate: 1, high: 0, critical: 2, total: 3 } },
};

describe('npm audit gate', () => {
  it('lists only high and critical advisories, once each', () => {
    expect(blockingAdvisories(report)).toEqual([
      {
        ids: ['GHSA-aaaa-bbbb-cccc', '1101234'],
        packageName: 'fast-xml',
        severity: 'critical',
        title: 'Prototype pollution',
      },
    ]);
  });

  it('fails on an advisory not on the allow-list, passes one allowed until a later date', () => {
    const advisories = blockingAdvisories(report);
    expect(judgeAudit(advisories, [], '2027-01-10').ok).toBe(false);
    const allowed = [
      { id: 'ghsa-aaaa-bbbb-cccc', reason: 'no fix upstream; input is ours', expires: '2027-01-31' },
    ];
    const verdict = judgeAudit(advisories, allowed, '2027-01-31');
    expect(verdict.ok).toBe(true);
    expect(verdict.lines[0]).toContain('no fix upstream');
  });

  it('fails once the allow-list entry has expired', () => {
    const allowed = [{ id: '1101234', reason: 'waiting for 2.x', expires: '2027-01-31' }];
    const verdict = judgeAudit(blockingAdvisories(report), allowed, '2027-02-01');
    expect(verdict.ok).toBe(false);
    expect(verdict.lines[0]).toMatch(/expired on 2027-01-31/);
  });

  it('refuses allow-list entries without a reason or a valid expiry', () => {
    expect(() => parseAllowList([{ id: 'GHSA-1', expires: '2027-01-01' }])).toThrow(/no reason/);
    expect(() => parseAllowList([{ id: 'GHSA-1', reason: 'r', expires: 'soon' }])).toThrow(/YYYY-MM-DD/);
    expect(parseAllowList([{ id: 1101234, reason: 'r', expires: '2027-01-01' }])).toEqual([
      { id: '1101234', reason: 'r', expires: '2027-01-01' },
    ]);
  });

  it('treats an error from the audit endpoint as a failure, never as a clean report', () => {
    const unreachable = {
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    };
    expect(() => blockingAdvisories(unreachable)).toThrow(AuditUnavailableError);
  });
});

describe('scripts/audit.sh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'syncwell-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (reportText: string, allowList: unknown, today: string) => {
    writeFileSync(join(dir, 'report.json'), reportText);
    writeFileSync(join(dir, 'allow.json'), JSON.stringify(allowList));
    try {
      const out = execFileSync('bash', ['scripts/audit.sh'], {
        env: {
          ...process.env,
          AUDIT_REPORT_FILE: join(dir, 'report.json'),
          AUDIT_ALLOW_LIST: join(dir, 'allow.json'),
          AUDIT_TODAY: today,
        },
        encoding: 'utf8',
        stdio: 'pipe',
      });
      return { status: 0, out };
    } catch (error) {
      const failed = error as { status: number; stderr: string };
      return { status: failed.status, out: failed.stderr };
    }
  };

  it('exits 1 on a finding, 0 when allowed, 3 with a clear line when the endpoint did not answer', () => {
    const text = JSON.stringify(report);
    expect(run(text, [], '2027-01-10').status).toBe(1);
    const allowed = [{ id: 'GHSA-aaaa-bbbb-cccc', reason: 'no fix upstream', expires: '2027-01-31' }];
    expect(run(text, allowed, '2027-01-10').status).toBe(0);
    const down = run('{"message":"405 Method Not Allowed"}', [], '2027-01-10');
    expect(down.status).toBe(3);
    expect(down.out).toMatch(/NOT checked/);
  }, 60_000);
});
