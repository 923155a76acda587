#!/usr/bin/env bash
# Benchmark: `plan --choose-hotels` with the new hotel selection (orienteering with hotel
# selection over sequences of nights) beside the earlier local search over one night at a time,
# on the shipped sites and on 1,000 generated ones (bench/plan/make_sites.py). No router or VRP
# solver chooses hotels, so the peer is our own earlier search. Exits 1 if the new one scores
# lower on any case (mean of seeds 1-3 per case).
# Usage: [ITERATIONS=N] bench/hotels/run.sh [SECONDS (solver time per plan, default 2)]
# ITERATIONS=N stops every solve after N iterations instead of on the clock (repeatable).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
secs=${1:-2}
scripts/install-deps.sh build
swift build -c release --product showcase >&2
out=bench/out/hotels; mkdir -p "$out"
rm -f "$out"/*.gpkg*
.build/release/showcase init --db "$out/shipped.gpkg" 2>/dev/null
python3 bench/plan/make_sites.py 1000 > "$out/sites1000.csv"
cp "$out/shipped.gpkg" "$out/gen1000.gpkg"
.build/release/showcase sites import "$out/sites1000.csv" --db "$out/gen1000.gpkg" 2>/dev/null
budget="${secs} s"; [ -n "${ITERATIONS:-}" ] && budget="${ITERATIONS} iterations (not the clock)"
echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F); solver $budget per plan; score = the plan's total site score"
status=0
python3 bench/hotels/compare.py .build/release/showcase "$out/shipped.gpkg" shipped "$secs" || status=1
python3 bench/hotels/compare.py .build/release/showcase "$out/gen1000.gpkg" gen1000 "$secs" | tail -n +2 || status=1
exit $status
