#!/usr/bin/env bash
# Benchmark: `showcase serve` (release) on loopback under wrk: /route (CH on the shipped
# network, coordinates in) and /collections/sites/items?bbox=…, 64 connections, 60 s each
# (DURATION to change). Prints requests/s, p50/p99 latency, errors and the server's memory
# before and after. Usage: bench/server/run.sh [DURATION (default 60s)]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
duration=${1:-60s}
source bench/server/common.sh
out=bench/out/server
start_server "$out" 8099
trap 'kill $pid 2>/dev/null || true' EXIT
echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), 64 connections, 2 threads, $duration"
echo "server RSS at start: $(rss) MB"
for path in "/route?from=111.6500,40.8100&to=109.8400,40.6500" "/collections/sites/items?bbox=111.4,40.6,111.9,41.0&limit=20"; do
  wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:8099$path" > "$out/wrk.txt" 2>&1
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$out/wrk.txt"); p99=$(awk '$1=="99%" {print $2}' "$out/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$out/wrk.txt" | tr '\n' ' ')
  echo "${path%%\?*}: ${rps} req/s, p50 ${p50}, p99 ${p99}, errors: ${errors:-none}; server RSS now $(rss) MB"
done
