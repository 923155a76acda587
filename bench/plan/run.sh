#!/usr/bin/env bash
# Benchmark: `showcase plan` from Hohhot for 1–5 days over the shipped sites and over 1,000 and
# 10,000 generated candidates (make_sites.py, around Hohhot–Baotou–Ordos), beside pyvroom given
# the very problem our solver got (same candidates after pruning, days, lunch breaks, matrix)
# and the same time limit. Ours: seconds for the whole plan (locate, prune, matrix, solve, legs).
# Usage: bench/plan/run.sh [SECONDS (solver time, default 1)]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
secs=${1:-1}
scripts/install-deps.sh build
python3 -c "import vroom" 2>/dev/null || python3 -m pip install -q pyvroom >&2
swift build -c release --product showcase >&2
swift build -c release --package-path bench --product PlanBench >&2
out=bench/out/plan; mkdir -p "$out"
rm -f "$out"/*.gpkg*
.build/release/showcase init --db "$out/shipped.gpkg" 2>/dev/null
ours=$(bench/.build/release/PlanBench "$out/shipped.gpkg" Config "$out" shipped "$secs")
for n in 1000 10000; do
  python3 bench/plan/make_sites.py "$n" > "$out/sites$n.csv"
  cp "$out/shipped.gpkg" "$out/gen$n.gpkg"
  .build/release/showcase sites import "$out/sites$n.csv" --db "$out/gen$n.gpkg" 2>/dev/null
  ours+=$'\n'$(bench/.build/release/PlanBench "$out/gen$n.gpkg" Config "$out" "gen$n" "$secs")
done
peer=$(python3 bench/plan/vroom_peer.py "$secs" $(cut -f8 <<<"$ours"))
echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); solver time ${secs} s for both; pyvroom exploration 5, 2 threads"
printf "%-9s %10s %5s %11s %10s %8s %8s %10s %9s\n" sites candidates days "in solver" "ours s" "ours" "vroom" "vroom s" "ours/vroom"
paste <(echo "$ours") <(echo "$peer") | while IFS=$'\t' read -r label n days jobs total score visits file _ vprio vserved vsecs; do
  printf "%-9s %10s %5s %11s %10s %8s %8s %10s %9.3f\n" "$label" "$n" "$days" "$jobs" "$total" "$score" "$vprio" "$vsecs" "$(echo "$score/$vprio" | bc -l)"
done
