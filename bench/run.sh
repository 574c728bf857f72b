#!/usr/bin/env bash
# Benchmark kith against the floors of reading a vault and against a Node.js peer.
#
#   bench/run.sh [--contacts 10000,100000] [--runs N] [--out FILE]
#
# For each vault size it generates a synthetic vault (shared/bench/gen_vault.py)
# into a temporary folder and measures, side by side and with the page cache
# warm (one untimed warm-up run per command), the median wall time over N runs
# and the peak resident memory of:
#
#   cat floor    find VAULT -name '*.md' -print0 | xargs -0 cat > /dev/null
#   stat floor   find VAULT -name '*.md' -printf '%T@ %s\n' > /dev/null
#   node peer    node peers/node_dormant.mjs VAULT --today 2026-11-22
#   kith REPORT  kith --vault VAULT --today 2026-11-22 --format json REPORT
#                for REPORT in remind, dormant, reciprocity, list, check
#
# and prints a Markdown table (also written to FILE with --out): per size, the
# median wall seconds, the peak RSS, the ratio to the cat floor, for dormant
# the ratio Node peer / kith, and the median CPU seconds (user + system; less
# sensitive than wall time to other work on the machine). It also says whether
# kith dormant and the Node peer printed the same JSON.
#
# Environment:
#   KITH_SHARED      the shared folder (default: <repo>/../shared)
#   KITH_BIN         a kith binary to use instead of building build-bench/kith
#   KITH_BENCH_WARM  1 = also time each kith report on its second run (right
#                    after an untimed first run that leaves kith's index cache
#                    in .kith/cache/); the default kith rows are first runs:
#                    the cache is removed before each of them.
#   KITH_BENCH_WAIT_LOAD  LOAD[:SECONDS]: before the timed runs of each size,
#                    wait (at most SECONDS, default 300) for the 1-minute load
#                    average to drop below LOAD. For shared machines.
#
# Timing: wall time is taken by bash ($EPOCHREALTIME) around the process, peak
# RSS by GNU time (`/usr/bin/time -f %M`, the maximum over the process and the
# children it waited for). Runs are interleaved (run 1 of every command, then
# run 2 of every command, ...) so that load from other work on the machine
# spreads over all commands rather than landing on one.
#
# Nothing is written into the repository except the build folder (build-bench,
# ignored by git) and, with --out, the results file.
set -euo pipefail
export LC_ALL=C   # decimal points, byte order
[ -n "${EPOCHREALTIME:-}" ] || { echo "run.sh: needs bash 5 or later (\$EPOCHREALTIME)" >&2; exit 2; }

# ---------------------------------------------------------------- options ---
contacts_list="10000"
runs=5
out_file=""
today="2026-11-22"
reports=(remind dormant reciprocity list check)

usage() {  # the comment at the top of this file
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --contacts) contacts_list="$2"; shift 2 ;;
        --contacts=*) contacts_list="${1#*=}"; shift ;;
        --runs) runs="$2"; shift 2 ;;
        --runs=*) runs="${1#*=}"; shift ;;
        --out) out_file="$2"; shift 2 ;;
        --out=*) out_file="${1#*=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "$runs" in ''|*[!0-9]*|0) echo "run.sh: --runs must be a positive integer" >&2; exit 2 ;; esac
IFS=',' read -r -a sizes <<< "$contacts_list"
for n in "${sizes[@]}"; do
    case "$n" in ''|*[!0-9]*) echo "run.sh: bad contact count: $n" >&2; exit 2 ;; esac
done
# Resolve --out now: we cd around later.
if [ -n "$out_file" ]; then
    case "$out_file" in /*) ;; *) out_file="$PWD/$out_file" ;; esac
fi

log() { printf '[bench] %s\n' "$*" >&2; }

repo="$(cd "$(dirname "$0")" && git rev-parse --show-toplevel)"
shared="${KITH_SHARED:-$repo/../shared}"
[ -f "$shared/bench/gen_vault.py" ] || { echo "run.sh: no gen_vault.py under $shared/bench (set KITH_SHARED)" >&2; exit 2; }
shared="$(cd "$shared" && pwd)"

# ------------------------------------------------------------------ tools ---
# GNU time for the peak RSS (Debian package `time`).
if [ ! -x /usr/bin/time ]; then
    log "installing Debian's 'time' package for /usr/bin/time"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get install -y time >&2 || $sudo_cmd sh -c 'apt-get update && apt-get install -y time' >&2
fi
/usr/bin/time -f %M true 2>/dev/null >/dev/null || { echo "run.sh: /usr/bin/time is not GNU time" >&2; exit 2; }

# kith, Release, in a build folder of its own.
if [ -n "${KITH_BIN:-}" ]; then
    kith="$KITH_BIN"
else
    build="$repo/build-bench"
    if [ ! -f "$build/build.ninja" ]; then
        log "configuring $build (Release)"
        cmake -S "$repo" -B "$build" -G Ninja -DKITH_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >&2
    fi
    log "building $build"
    cmake --build "$build" >&2
    kith="$build/kith"
fi
[ -x "$kith" ] || { echo "run.sh: no kith binary at $kith" >&2; exit 2; }
# What was built: the commit, and whether the sources differed from it.
kith_rev="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$repo" status --porcelain -- src include CMakeLists.txt cmake 2>/dev/null)" ]; then
    kith_rev="$kith_rev (with uncommitted changes)"
fi

# Scratch space: vaults, the Node peer, timing files. Never inside the repo.
tmp="$(mktemp -d "${TMPDIR:-/tmp}/kith-bench.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# The Node peer: its one dependency, installed once into a copy of peers/.
node_ok=0
node_note=""
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    node_note="node or npm is missing: no Node peer column"
else
    cp -r "$shared/bench/peers" "$tmp/peers"
    chmod -R u+w "$tmp/peers"
    log "npm ci in a copy of peers/"
    if (cd "$tmp/peers" && npm ci --no-audit --no-fund --loglevel=error) >"$tmp/npm.log" 2>&1; then
        node_ok=1
    else
        node_note="npm ci failed (see below): no Node peer column"
        sed 's/^/[npm] /' "$tmp/npm.log" >&2
    fi
fi
[ -z "$node_note" ] || log "$node_note"

# -------------------------------------------------------------- commands ---
# Every benchmarked command has a name, a label for the table, the exit codes
# it may return, and an argv built by argv_of for the vault in $vault.
names=(cat stat)
# shellcheck disable=SC2016  # the backquotes are Markdown
declare -A label=([cat]='`cat` floor' [stat]='`stat` floor')
declare -A ok_codes=([cat]="0" [stat]="0")
if [ "$node_ok" -eq 1 ]; then
    names+=(node)
    label[node]="Node peer (dormant)"
    ok_codes[node]="0"
fi
for r in "${reports[@]}"; do
    names+=("kith_$r")
    label[kith_$r]="kith $r"
    ok_codes[kith_$r]="0"
    # The warm variant: the same command, timed on its second run.
    if [ "${KITH_BENCH_WARM:-0}" = 1 ]; then
        names+=("kith_${r}_warm")
        label[kith_${r}_warm]="kith $r (2nd run)"
        ok_codes[kith_${r}_warm]="0"
    fi
done
# check exits 1 when the vault has errors: a normal outcome, not a failure.
ok_codes[kith_check]="0 1"
if [ "${KITH_BENCH_WARM:-0}" = 1 ]; then ok_codes[kith_check_warm]="0 1"; fi

# Sets argv to the command line of command $1. The floors are pipelines: they
# run under `sh -c` so that GNU time sees every process of the pipeline.
# shellcheck disable=SC2016  # "$1" is expanded by sh -c, not here
argv_of() {
    local r
    case "$1" in
        cat)  argv=(sh -c 'find "$1" -name "*.md" -print0 | xargs -0 cat > /dev/null' sh "$vault") ;;
        stat) argv=(sh -c 'find "$1" -name "*.md" -printf "%T@ %s\n" > /dev/null' sh "$vault") ;;
        node) argv=(node "$tmp/peers/node_dormant.mjs" "$vault" --today "$today") ;;
        kith_*)
            r="${1#kith_}"; r="${r%_warm}"
            argv=("$kith" --vault "$vault" --today "$today" --format json "$r") ;;
        *) echo "run.sh: unknown command $1" >&2; exit 2 ;;
    esac
}

# Where kith's index cache lives inside a vault. A kith row is a first run:
# the cache is removed before it (a no-op for a kith without a cache). A
# "2nd run" row runs the command once, untimed, just before, from no cache.
cache_rel=".kith/cache"
prepare() {
    case "$1" in
        kith_*_warm) rm -rf "${vault:?}/$cache_rel"; "${argv[@]}" >/dev/null 2>&1 || true ;;
        kith_*) rm -rf "${vault:?}/$cache_rel" ;;
    esac
}

# One run of command $1, stdout to $2: sets secs (wall time), rss_kb (peak
# RSS), cpu (user + system CPU seconds; both from GNU time) and rc (exit code).
measure() {
    local t0 t1
    argv_of "$1"
    prepare "$1"
    rc=0
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%M %U %S' -o "$tmp/rss" "${argv[@]}" >"$2" 2>"$tmp/stderr" || rc=$?
    t1=$EPOCHREALTIME
    secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')"
    # On a non-zero exit GNU time first prints "Command exited with ...".
    read -r rss_kb cpu < <(tail -n 1 "$tmp/rss" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }')
}

accepts() {  # accepts NAME RC: is RC one of the exit codes NAME may return?
    local c
    for c in ${ok_codes[$1]}; do [ "$c" = "$2" ] && return 0; done
    return 1
}

median() {  # the median of the numbers in file $1
    sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

wait_for_load() {  # see KITH_BENCH_WAIT_LOAD
    local spec="${KITH_BENCH_WAIT_LOAD:-}" limit secs waited=0
    [ -n "$spec" ] || return 0
    limit="${spec%%:*}"; secs=300
    [ "$spec" = "$limit" ] || secs="${spec#*:}"
    while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$limit" 'BEGIN { exit !(l >= m) }' \
        && [ "$waited" -lt "$secs" ]; do
        [ "$waited" -gt 0 ] || log "waiting up to ${secs}s for the load average ($(loadavg)) to drop below $limit"
        sleep 10; waited=$((waited + 10))
    done
}

# ------------------------------------------------------------------- runs ---
declare -A med cpu_med rss failed vault_desc load_desc same_as_node
for n in "${sizes[@]}"; do
    vault="$tmp/vault-$n"
    log "generating a vault of $n contacts"
    python3 "$shared/bench/gen_vault.py" "$vault" --contacts "$n" --today "$today" >&2
    vault_desc[$n]="$(find "$vault" -name '*.md' | wc -l) files, $(du -sh --apparent-size "$vault" | cut -f1)"

    # Warm-up: one untimed run of each command; it warms the page cache and
    # checks the exit code (a command that fails is not timed).
    for name in "${names[@]}"; do
        measure "$name" "$tmp/out.$n.$name"
        if ! accepts "$name" "$rc"; then
            failed[$n,$name]="exit $rc"
            log "${label[$name]} failed on $n contacts (exit $rc):"
            head -n 5 "$tmp/stderr" | sed 's/^/    /' >&2
        fi
        : >"$tmp/t.$n.$name"; : >"$tmp/m.$n.$name"; : >"$tmp/c.$n.$name"
    done
    # Sanity: kith dormant and the Node peer should print the same JSON.
    if [ "$node_ok" -eq 1 ] && [ -z "${failed[$n,node]:-}" ] && [ -z "${failed[$n,kith_dormant]:-}" ]; then
        same_as_node[$n]="$(python3 - "$tmp/out.$n.kith_dormant" "$tmp/out.$n.node" <<'PY' 2>/dev/null || echo "output that could not be compared"
import json, sys
k, n = (json.load(open(f)) for f in sys.argv[1:3])
if k == n:
    print("the same JSON")
else:
    ki, ni = k.get("items", []), n.get("items", [])
    diff = sum(a != b for a, b in zip(ki, ni)) + abs(len(ki) - len(ni))
    print(f"different JSON ({diff} of {max(len(ki), len(ni))} items differ)")
PY
)"
    fi

    # What kith leaves in the vault (its index cache, if any).
    if [ -d "$vault/$cache_rel" ]; then
        vault_desc[$n]="${vault_desc[$n]}; kith's cache in $cache_rel: $(du -sh --apparent-size "$vault/$cache_rel" | cut -f1)"
    fi

    # Timed runs, interleaved; each round starts one command further along so
    # that no command always runs right after the same one.
    wait_for_load
    log "timing $runs runs of ${#names[@]} commands on $n contacts (load $(loadavg))"
    load_desc[$n]="$(loadavg)"
    for ((i = 0; i < runs; i++)); do
        for ((k = 0; k < ${#names[@]}; k++)); do
            name="${names[(i + k) % ${#names[@]}]}"
            [ -z "${failed[$n,$name]:-}" ] || continue
            measure "$name" /dev/null
            if ! accepts "$name" "$rc"; then
                failed[$n,$name]="exit $rc"
                continue
            fi
            echo "$secs" >>"$tmp/t.$n.$name"
            echo "$rss_kb" >>"$tmp/m.$n.$name"
            echo "$cpu" >>"$tmp/c.$n.$name"
        done
    done
    load_desc[$n]="${load_desc[$n]} before, $(loadavg) after"
    for name in "${names[@]}"; do
        [ -z "${failed[$n,$name]:-}" ] || continue
        med[$n,$name]="$(median "$tmp/t.$n.$name")"
        cpu_med[$n,$name]="$(median "$tmp/c.$n.$name")"
        rss[$n,$name]="$(sort -n "$tmp/m.$n.$name" | tail -n 1)"   # the highest peak of the runs
    done
    rm -rf "$vault"
done

# ----------------------------------------------------------------- report ---
thousands() { echo "$1" | sed ':a; s/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

report() {
    local n name head sep row
    echo "- Machine: $(nproc) cores, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- kith: $kith_rev, $(if [ -n "${KITH_BIN:-}" ]; then echo "binary $kith (KITH_BIN)"; else echo "build-bench/kith, Release"; fi)"
    if [ "$node_ok" -eq 1 ]; then echo "- Node: $(node --version)"; else echo "- Node: $node_note"; fi
    echo "- Runs: median of $runs timed runs after 1 untimed warm-up run, page cache warm; peak RSS = highest of the runs (MB = 1024 KiB); CPU s = median user + system CPU time"
    for n in "${sizes[@]}"; do
        echo "- Vault of $(thousands "$n") contacts: ${vault_desc[$n]}; load average ${load_desc[$n]}${same_as_node[$n]:+; kith dormant and the Node peer printed ${same_as_node[$n]}}"
    done
    echo
    head="| Command |"; sep="|---|"
    for n in "${sizes[@]}"; do
        n="$(thousands "$n")"
        head+=" $n: median s | $n: peak RSS MB | $n: × cat floor | $n: Node ÷ kith | $n: CPU s |"
        sep+="---:|---:|---:|---:|---:|"
    done
    echo "$head"; echo "$sep"
    for name in "${names[@]}"; do
        row="| ${label[$name]} |"
        for n in "${sizes[@]}"; do
            if [ -n "${failed[$n,$name]:-}" ]; then
                row+=" failed (${failed[$n,$name]}) | | | | |"
                continue
            fi
            row+=" $(printf '%.3f' "${med[$n,$name]}") | $(awk -v k="${rss[$n,$name]}" 'BEGIN { printf "%.1f", k / 1024 }') |"
            if [ -n "${med[$n,cat]:-}" ]; then row+=" $(div "${med[$n,$name]}" "${med[$n,cat]}") |"; else row+=" |"; fi
            case "$name" in
                kith_dormant|kith_dormant_warm)
                    if [ -n "${med[$n,node]:-}" ]; then row+=" $(div "${med[$n,node]}" "${med[$n,$name]}") |"; else row+=" |"; fi ;;
                *) row+=" |" ;;
            esac
            row+=" $(printf '%.2f' "${cpu_med[$n,$name]}") |"
        done
        echo "$row"
    done
}

report >"$tmp/report.md"
cat "$tmp/report.md"
if [ -n "$out_file" ]; then
    cp "$tmp/report.md" "$out_file"
    log "wrote $out_file"
fi
