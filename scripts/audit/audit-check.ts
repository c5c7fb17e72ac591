/**
 * Decides whether `npm audit --omit=dev --json` passes: every high or critical advisory must be
 * on the allow-list with a reason and an expiry date that has not passed. Time is an input
 * (`today`), so the expiry check is tested at pinned dates.
 */

export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';
const BLOCKING: ReadonlySet<string> = new Set(['high', 'critical']);

/** One allowed advisory: `id` is its GHSA id (or npm's numeric source id); `expires` is YYYY-MM-DD. */
export interface AllowEntry {
  readonly id: string;
  readonly reason: string;
  readonly expires: string;
}

export interface Advisory {
  readonly ids: readonly string[];
  readonly packageName: string;
  readonly severity: string;
  readonly title: string;
}

export interface AuditVerdict {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

interface AuditVia {
  source?: unknown;
  name?: unknown;
  title?: unknown;
  url?: unknown;
  severity?: unknown;
}

/** Thrown when the report is not an audit report (the registry's endpoint answered an error). */
export class AuditUnavailableError extends Error {}

/** The high and critical advisories of an npm audit JSON report (auditReportVersion 2). */
export function blockingAdvisories(report: unknown): Advisory[] {
  const shaped = report as {
    vulnerabilities?: unknown;
    metadata?: unknown;
    error?: unknown;
    message?: unknown;
  };
  if (typeof report !== 'object' || report === null || shaped.metadata === undefined) {
    const message = typeof report === 'object' && report !== null ? shaped.message : undefined;
    const said = typeof message === 'string' ? `: ${message}` : '';
    throw new AuditUnavailableError(`npm audit produced no report${said}`);
  }
  const found = new Map<string, Advisory>();
  for (const vulnerability of Object.values(
    (shaped.vulnerabilities ?? {}) as Record<string, { via?: unknown }>,
  )) {
    for (const via of Array.isArray(vulnerability.via) ? (vulnerability.via as unknown[]) : []) {
      // Strings in `via` point at another vulnerable package; its own entry lists the advisory.
      if (typeof via !== 'object' || via === null) continue;
      const { source, name, title, url, severity } = via as AuditVia;
      if (typeof severity !== 'string' || !BLOCKING.has(severity)) continue;
      const ghsa = typeof url === 'string' ? /GHSA-[\w-]+/i.exec(url)?.[0] : undefined;
      const sourceId = typeof source === 'number' || typeof source === 'string' ? String(source) : undefined;
      const ids = [ghsa, sourceId].filter((id): id is string => id !== undefined);
      const key = ids.join('|') || `${String(name)}:${String(title)}`;
      found.set(key, {
        ids,
        packageName: String(name),
        severity,
        title: typeof title === 'string' ? title : '(no title)',
      });
    }
  }
  return [...found.values()];
}

/** Checks the allow-list's own shape: every entry needs an id, a reason and a valid date. */
export function parseAllowList(raw: unknown): AllowEntry[] {
  if (!Array.isArray(raw)) throw new Error('the allow-list must be a JSON array');
  return raw.map((entry: unknown, index) => {
    const { id, reason, expires } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' && typeof id !== 'number') throw new Error(`allow-list entry ${index}: no id`);
    if (typeof reason !== 'string' || reason.trim() === '')
      throw new Error(`allow-list entry ${index} (${String(id)}): no reason`);
    if (
      typeof expires !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(expires) ||
      Number.isNaN(Date.parse(expires))
    )
      throw new Error(`allow-list entry ${index} (${String(id)}): expires must be a YYYY-MM-DD date`);
    return { id: String(id), reason, expires };
  });
}

/** `today` is YYYY-MM-DD; an entry is valid through its expiry day. */
export function judgeAudit(
  advisories: readonly Advisory[],
  allowList: readonly AllowEntry[],
  today: string,
): AuditVerdict {
  const lines: string[] = [];
  let ok = true;
  for (const advisory of advisories) {
    const what = `${advisory.severity} ${advisory.ids.join(' / ') || '(no id)'} in ${advisory.packageName}: ${advisory.title}`;
    const entry = allowList.find((e) => advisory.ids.some((id) => id.toLowerCase() === e.id.toLowerCase()));
    if (entry === undefined) {
      ok = false;
      lines.push(`FAIL ${what}`);
    } else if (entry.expires < today) {
      ok = false;
      lines.push(
        `FAIL ${what} (allow-list entry expired on ${entry.expires}: fix it or renew with a reason)`,
      );
    } else {
      lines.push(`allowed until ${entry.expires}: ${what} (${entry.reason})`);
    }
  }
  lines.push(
    ok
      ? `npm audit: no unallowed high or critical advisories (${advisories.length} allowed)`
      : 'npm audit: failed',
  );
  return { ok, lines };
}
