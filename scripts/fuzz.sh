#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ into build-fuzz/ (clang, ASan+UBSan)
# and runs each for SECONDS (default 60), two at a time. Fails on any crash,
# hang (an input over KITH_FUZZ_TIMEOUT seconds, default 5), leak or memory
# blow-up, and prints where the reproducer is. See fuzz/README.md.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   KITH_FUZZ_JOBS     targets run at once (default 2)
#   KITH_FUZZ_MAX_LEN  largest input tried, bytes (default 16384)
#   KITH_FUZZ_TIMEOUT  seconds one input may take (default 5)
#   KITH_FUZZ_RUNS     "target=N ..." : run those targets for exactly N inputs
#                      from a fixed seed instead of for SECONDS, so that a run
#                      is reproducible (the test command uses this)
#   KITH_FUZZ_SEED     libFuzzer's -seed (default 1 with KITH_FUZZ_RUNS)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
seconds="${1:-60}"
shift || true
out="$root/build-fuzz"
jobs="${KITH_FUZZ_JOBS:-2}"
max_len="${KITH_FUZZ_MAX_LEN:-16384}"
timeout="${KITH_FUZZ_TIMEOUT:-5}"

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
CC=clang CXX=clang++ cmake -S . -B "$out" -G Ninja -DKITH_FUZZ=ON -DKITH_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
ninja -C "$out" -j "$jobs" fuzz_targets >/dev/null

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for f in "$out"/fuzz/fuzz_*; do targets+=("$(basename "$f" | sed 's/^fuzz_//')"); done
fi

# Seeds made fresh from sample-vault and the bad-input catalogue (not
# committed: they would only be copies), next to the committed fuzz/corpus/.
seeds="$out/seeds"
rm -rf "$seeds"
mapfile -t md_files < <(find sample-vault tests/errors/cases -name '*.md' -type f | sort)
for t in "${targets[@]}"; do mkdir -p "$seeds/$t" "$out/corpus/$t" "$out/artifacts/$t"; done
n=0
for f in "${md_files[@]}"; do
  n=$((n + 1))
  for t in body file front_matter text; do [ -d "$seeds/$t" ] && cp "$f" "$seeds/$t/$n.md"; done
  if [ -d "$seeds/merge" ]; then
    # base, ours (an entry added), theirs (a key changed or added); and x alone.
    cp "$f" "$seeds/merge/$n-self"
    { cat "$f"; printf '\0'; cat "$f"; printf -- '- 2026-12-01 ours\n\0'; sed 's/^tier: .*/tier: close/' "$f"; } \
      >"$seeds/merge/$n-3way"
  fi
done
if [ -d "$seeds/config" ]; then
  for f in sample-vault/.kith/config.yaml templates/config.yaml; do [ -f "$f" ] && cp "$f" "$seeds/config/"; done
fi

run_one() {
  local t="$1" log="$out/logs/$1.log"
  local runs="" r
  for r in ${KITH_FUZZ_RUNS:-}; do [ "${r%%=*}" = "$t" ] && runs="${r#*=}"; done
  local budget=(-max_total_time="$seconds")
  [ -n "$runs" ] && budget=(-runs="$runs" -seed="${KITH_FUZZ_SEED:-1}")
  [ -z "$runs" ] && [ -n "${KITH_FUZZ_SEED:-}" ] && budget+=(-seed="$KITH_FUZZ_SEED")
  local args=("${budget[@]}" -timeout="$timeout" -rss_limit_mb=2048 -max_len="$max_len"
              -print_final_stats=1 -artifact_prefix="$out/artifacts/$t/")
  [ -f "fuzz/$t.dict" ] && args+=(-dict="fuzz/$t.dict")
  if "$out/fuzz/fuzz_$t" "${args[@]}" "$out/corpus/$t" "fuzz/corpus/$t" "$seeds/$t" >"$log" 2>&1; then
    echo "ok    $t: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs"
  else
    echo "FAIL  $t: see $log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|kith fuzz invariant|.*ALARM)' "$log" | head -5 | sed 's/^/      /'
    for a in "$out/artifacts/$t"/*; do [ -e "$a" ] && echo "      reproducer: $a"; done
    echo "      replay: $out/fuzz/fuzz_$t <reproducer>"
    return 1
  fi
}
export -f run_one
export out seconds timeout max_len seeds KITH_FUZZ_RUNS KITH_FUZZ_SEED
mkdir -p "$out/logs"
rm -f "$out"/artifacts/*/crash-* "$out"/artifacts/*/timeout-* "$out"/artifacts/*/leak-* "$out"/artifacts/*/oom-*

if [ -n "${KITH_FUZZ_RUNS:-}" ]; then
  echo "fuzzing ${targets[*]}, $jobs at a time: $KITH_FUZZ_RUNS inputs from seed ${KITH_FUZZ_SEED:-1}"
else
  echo "fuzzing ${targets[*]} for ${seconds}s each, $jobs at a time"
fi
status=0
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} || status=1
if [ "$status" -ne 0 ]; then
  echo "fuzzing found problems: turn each reproducer into a regression (fuzz/README.md)"
fi
exit "$status"
