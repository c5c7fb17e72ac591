import { readFileSync } from 'node:fs';
import { AuditUnavailableError, blockingAdvisories, judgeAudit, parseAllowList } from './audit-check.js';

// Usage: audit-main.ts <npm audit JSON file> <allow-list file>; AUDIT_TODAY=YYYY-MM-DD pins the date.
const [reportFile, allowListFile] = process.argv.slice(2);
if (reportFile === undefined || allowListFile === undefined) {
  console.error('usage: audit-main.ts <report.json> <allow-list.json>');
  process.exit(2);
}
const today = process.env.AUDIT_TODAY ?? new Date().toISOString().slice(0, 10);
try {
  const text = readFileSync(reportFile, 'utf8');
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    throw new AuditUnavailableError('npm audit printed no JSON');
  }
  const verdict = judgeAudit(
    blockingAdvisories(report),
    parseAllowList(JSON.parse(readFileSync(allowListFile, 'utf8'))),
    today,
  );
  for (const line of verdict.lines) (verdict.ok ? console.log : console.error)(line);
  process.exit(verdict.ok ? 0 : 1);
} catch (error) {
  if (error instanceof AuditUnavailableError) {
    console.error(
      `audit: ${error.message}. The registry's audit endpoint did not answer, so the dependencies were NOT checked; failing.`,
    );
    process.exit(3);
  }
  console.error(`audit: ${(error as Error).message}`);
  process.exit(2);
}
