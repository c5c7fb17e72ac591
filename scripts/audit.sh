#!/usr/bin/env bash
# Fails on any high or critical advisory in the production dependencies (`npm audit --omit=dev
# --audit-level=high`) unless scripts/audit/audit-allowlist.json allows it with a reason and an
# expiry date (YYYY-MM-DD; AUDIT_TODAY pins "today" for tests). When the registry's audit
# endpoint cannot be reached, it fails too (exit 3) and says so: unchecked is not clean.
#
# Allow-list entry: {"id": "GHSA-xxxx-xxxx-xxxx", "reason": "why it cannot be fixed yet", "expires": "2027-01-31"}
# AUDIT_REPORT_FILE=<file> judges a saved `npm audit --json` report instead of asking the registry.
set -euo pipefail
cd "$(dirname "$0")/.."

allow_list=${AUDIT_ALLOW_LIST:-scripts/audit/audit-allowlist.json}
report=${AUDIT_REPORT_FILE:-}
if [ -z "$report" ]; then
  report=$(mktemp)
  trap 'rm -f "$report"' EXIT
  # npm exits non-zero both for findings and for an unreachable endpoint; the report says which.
  npm audit --omit=dev --audit-level=high --json >"$report" 2>/dev/null || true
fi
exec npx tsx scripts/audit/audit-main.ts "$report" "$allow_list"
