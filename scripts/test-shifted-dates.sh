#!/usr/bin/env bash
# Runs the time-relevant tests (core, providers, the simulators, the sync engine, scheduler and
# worker) with the machine's clock moved to other dates under libfaketime, to prove no test
# depends on today's date (docs/architecture.md, "Time is an input").
#
#   scripts/test-shifted-dates.sh                       # the three default dates
#   scripts/test-shifted-dates.sh "2032-02-29 12:00:00" # other dates ("YYYY-MM-DD hh:mm:ss", UTC)
#   SHIFTED_TEST_PATHS="packages/core" scripts/test-shifted-dates.sh   # other test paths
#
# The clock starts at each date and then ticks; the monotonic clock is left alone so timers and
# timeouts behave. Exits non-zero when any date fails.
set -euo pipefail
cd "$(dirname "$0")/.."

DEFAULT_DATES=("2027-02-28 23:30:00" "2028-07-01 12:00:00" "2031-12-31 23:59:00")
# The fast tests that decide on time. Left out on purpose: Redis-backed queue tests (the Redis
# server's clock cannot be moved, so BullMQ's delays would compare two different "nows") and the
# long end-to-end worker runs on the system clock (minutes each on a busy machine).
DEFAULT_PATHS=(
  packages/core
  packages/providers
  packages/testbed
  packages/insights/src/summaries
  packages/server/src/scheduler
  packages/server/src/tokens
  packages/server/src/connections
  packages/server/src/coordination/memory
  packages/server/src/budgets
  packages/server/src/auth
  packages/server/src/insights
  packages/server/src/runtime
  packages/server/src/backfill/backfill-plan.test.ts
  packages/server/src/backfill/backfill-invariant.integration.test.ts
  packages/server/src/worker/sync-run-handler.test.ts
)

if [ $# -gt 0 ]; then dates=("$@"); else dates=("${DEFAULT_DATES[@]}"); fi
if [ -n "${SHIFTED_TEST_PATHS:-}" ]; then read -r -a paths <<<"$SHIFTED_TEST_PATHS"; else paths=("${DEFAULT_PATHS[@]}"); fi

LIB=""
for candidate in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
  if [ -f "$candidate" ]; then LIB=$candidate; break; fi
done
if [ -z "$LIB" ]; then
  echo "test-shifted-dates: libfaketime not found; install Debian's faketime (scripts/ensure-system-packages.sh)" >&2
  exit 1
fi

for date in "${dates[@]}"; do
  if ! date -u -d "$date" >/dev/null 2>&1; then
    echo "test-shifted-dates: not a date: '$date' (use \"YYYY-MM-DD hh:mm:ss\")" >&2
    exit 2
  fi
done

logdir=$(mktemp -d "${TMPDIR:-/tmp}/syncwell-shifted-dates.XXXXXX")
summary=()
failed=0
for date in "${dates[@]}"; do
  log="$logdir/$(echo "$date" | tr ' :' '_-').log"
  echo "== tests at $date UTC (${paths[*]})"
  started=$SECONDS
  status=passed
  # TZ=UTC: the dates above are UTC instants; code under test must not lean on the machine's zone.
  if ! TZ=UTC FAKETIME="@$date" FAKETIME_DONT_FAKE_MONOTONIC=1 LD_PRELOAD="$LIB" \
    npx vitest run "${paths[@]}" >"$log" 2>&1; then
    status=FAILED
    failed=1
    tail -n 60 "$log"
  fi
  counts=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ +Tests ' | tail -n 1 | sed -E 's/^ +Tests +//')
  summary+=("$(printf '%-20s %-7s %5ss  %s' "$date" "$status" "$((SECONDS - started))" "${counts:-no test summary}")")
done

echo
echo "Shifted-date test runs (logs in $logdir):"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "Some tests depend on the date they run at: pin their clock (docs/architecture.md, \"Time is an input\")." >&2
  exit 1
fi
