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

# A short fuzz run of every parser of untrusted bytes: about a minute each on
# this 2-core machine, two at a time, as a fixed number of inputs from a fixed
# seed so that the run is reproducible (a time limit would fuzz differently on
# every run). fuzz/README.md says how to run them longer.
export KITH_FUZZ_RUNS="${KITH_FUZZ_RUNS:-body=400000 config=800000 edit=100000 file=400000 front_matter=400000 merge=50000 template=1000000 terminal=500000 text=1000000 tree=300000 vcard=130000}"
export KITH_FUZZ_SEED="${KITH_FUZZ_SEED:-20261122}"
scripts/fuzz.sh

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
scripts/build.sh build-sanitize -DKITH_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
ctest --test-dir build-sanitize --output-on-failure -j "$jobs"
