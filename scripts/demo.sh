#!/usr/bin/env bash
# Installs what is missing, builds, and runs kith's reports on sample-vault.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh build -DKITH_TESTS=OFF
# sample-vault is written for 2026-11-22: pin the date so the demo always shows something.
kith=(build/kith --vault sample-vault --today 2026-11-22)
for report in remind dormant reciprocity check; do
  printf '\n$ kith %s\n' "$report"
  "${kith[@]}" "$report"
done
