#!/usr/bin/env bash
# Fuzzes every parser of outside data with libFuzzer + AddressSanitizer (targets in Fuzz/).
#   scripts/fuzz.sh [--seconds N] [--runs N] [--debug] [TARGET ...]
# Default: every target for 60 s. Targets: GeoJSON SiteFile OSMPBF OSMXML OpeningHours Vroom PlanFile HTTPQuery.
# Seeds are Fuzz/Corpus/TARGET (read only); inputs found to be new go to Fuzz/.work/corpus/TARGET,
# a crashing input to Fuzz/.work/TARGET-crash-*, each run's log to Fuzz/.work/TARGET.log.
# --debug builds unoptimised (much quicker to build, slower to run): CI's short run uses it.
# Exit status 1 if any target crashed, leaked or timed out.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
seconds=60 runs=-1 config=release targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --debug) config=debug; shift ;;
        -h|--help) sed -n 2,9p "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(GeoJSON SiteFile OSMPBF OSMXML OpeningHours Vroom PlanFile HTTPQuery)

# ld.gold fails on these objects (internal error in its DWARF reader); lld links them.
flags=(-c "$config" --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
echo "fuzz: building ${targets[*]} ($config, address sanitizer)…" >&2
for t in "${targets[@]}"; do
    # A target that does not build is a failure of its own, said plainly (not a missing binary later).
    if ! log=$(swift build "${flags[@]}" --product "Fuzz$t" 2>&1); then
        grep -E "error" <<<"$log" >&2 || printf '%s\n' "$log" | tail -20 >&2
        echo "fuzz: Fuzz$t does not build (Fuzz/Sources/Fuzz$t); fix it against the library's current API" >&2
        exit 1
    fi
    grep -E "warning: unre|Build of" <<<"$log" >&2 || true
done
bin=$(swift build "${flags[@]}" --show-bin-path)
work=Fuzz/.work
mkdir -p "$work"

if [[ " ${targets[*]} " == *" HTTPQuery "* ]]; then
    # The HTTP target serves a real database made the usual way.
    swift build --product showcase 2>&1 | grep -E "error|Build" >&2 || true
    rm -f "$work/fuzz.gpkg"*
    .build/debug/showcase init --db "$work/fuzz.gpkg" > /dev/null
    export SHOWCASE_FUZZ_DB="$PWD/$work/fuzz.gpkg"
fi

# Foundation's XMLParser leaks its error strings (_CFErrorCreateFromXMLInterface, in
# swift-corelibs-foundation, not ours); that one frame is suppressed, every other leak fails.
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt"
export SWIFT_BACKTRACE=enable=no   # the Swift backtracer reads freed memory under ASan; libFuzzer prints the stack
failed=0
printf '%-14s %12s %10s %8s  %s\n' target executions "exec/s" "new" result
for t in "${targets[@]}"; do
    mkdir -p "$work/corpus/$t"
    rm -f "$work/$t-"crash-* "$work/$t-"leak-* "$work/$t-"timeout-* "$work/$t-"oom-*
    set +e
    # Leaks are checked once, when the run ends (ASan's exit check), not after every input whose
    # allocations do not balance: with thread pools and Foundation's XML errors that is nearly
    # every input, and the scans took 75 % of the time.
    # The HTTP target keeps the server's caches for the process's life; Swift stores enum payload
    # pointers with tag bits, which LeakSanitizer does not recognise, so it reports those live
    # caches as leaks. Growth is caught there by -rss_limit_mb and by bench/server/soak.sh.
    asan=""
    [ "$t" = HTTPQuery ] && asan=detect_leaks=0
    ASAN_OPTIONS="$asan" "$bin/Fuzz$t" -detect_leaks=0 -max_total_time="$seconds" -runs="$runs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/$t-" "$work/corpus/$t" "Fuzz/Corpus/$t" > "$work/$t.log" 2>&1
    status=$?
    set -e
    stat() { grep -m1 "stat::$1:" "$work/$t.log" | awk '{print $2}'; }
    result=ok
    if [ $status -ne 0 ]; then
        result="FAILED (exit $status): $(grep -m1 -E 'ERROR|Fatal error|SUMMARY' "$work/$t.log" | cut -c1-100)"
        failed=1
    fi
    printf '%-14s %12s %10s %8s  %s\n' "$t" "$(stat number_of_executed_units)" "$(stat average_exec_per_sec)" "$(stat new_units_added)" "$result"
done
exit $failed
