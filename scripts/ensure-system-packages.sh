#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing, so `npm test` works on
# a clean machine. Idempotent: a machine that has them all does nothing (and needs no network).
#
# To add a package, add one line to PACKAGES: the Debian package name, then why the project needs it.
set -euo pipefail

PACKAGES=(
  "chromium               browser tests of the web app (packages/web) drive it through playwright-core"
  "faketime               the suite runs at shifted dates (scripts/test-shifted-dates.sh) to prove no test depends on today"
  "prometheus             promtool unit-tests the alert rules in deploy/prometheus (alert-rules.test.ts)"
  "prometheus-alertmanager amtool checks the example routing in deploy/alertmanager (alert-rules.test.ts)"
)

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for entry in "${PACKAGES[@]}"; do
  name=${entry%% *}
  installed "$name" || missing+=("$name")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-system-packages: missing Debian packages: ${missing[*]}" >&2
  echo "ensure-system-packages: run as root (or install them): apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "ensure-system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
