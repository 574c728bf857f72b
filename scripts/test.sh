#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite twice: a
# normal build, then one under AddressSanitizer and UndefinedBehaviorSanitizer;
# in between, a short libFuzzer run of each parser (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs="$(nproc)"

scripts/build.sh build -DKITH_WERROR=ON
ctest --test-dir build --output-on-failure -j "$jobs"

# A short fuzz run of every parser of untrusted bytes (about a minute each,
# two at a time); fuzz/README.md says how to run them longer.
scripts/fuzz.sh "${KITH_FUZZ_SECONDS:-60}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
scripts/build.sh build-sanitize -DKITH_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
ctest --test-dir build-sanitize --output-on-failure -j "$jobs"
