#!/usr/bin/env bash
# Soak test: `showcase serve` (release) under wrk for DURATION (default 10m) with mixed endpoints
# (bench/server/mixed.lua: route, items with bbox/paging/filters/HTML, one feature, reach, matrix,
# collections), 32 connections, plus one plan at a time from a curl loop (plans are bounded by
# --max-plans; sequential ones are never refused). Reports requests, errors (any non-2xx answer or
# socket error) and the server's RSS every minute; exit 1 on any error.
# Usage: bench/server/soak.sh [DURATION]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
duration=${1:-10m}
source bench/server/common.sh
out=bench/out/soak
start_server "$out" 8098
trap 'kill $pid $sampler $planner 2>/dev/null || true' EXIT
echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'), 32 connections, $duration"
start_rss=$(rss)
( while sleep 60; do echo "$(date +%T) RSS $(rss) MB"; done ) > "$out/rss.txt" &
sampler=$!
( ok=0; bad=0
  while true; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary $'start: Hohhot\ndate: 2026-06-02\ndays: 2\ntime_limit: 0.3\n' http://127.0.0.1:8098/plan || echo 000)
    if [ "$code" = 200 ]; then ok=$((ok+1)); else bad=$((bad+1)); fi
    echo "$ok $bad" > "$out/plans.txt"
  done ) &
planner=$!
wrk -t2 -c32 -d"$duration" --latency -s bench/server/mixed.lua http://127.0.0.1:8098 > "$out/wrk.txt" 2>&1
kill $planner; wait $planner 2>/dev/null || true
end_rss=$(rss)
cat "$out/wrk.txt"
echo "RSS every minute:"; cat "$out/rss.txt"
read -r plans_ok plans_bad < "$out/plans.txt"
requests=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $5}' "$out/wrk.txt"); non2xx=${non2xx:-0}
socket=$(awk '/Socket errors/ {print}' "$out/wrk.txt")
echo "soak: $requests requests, non-2xx $non2xx, ${socket:-no socket errors}; plans ok $plans_ok, failed $plans_bad; RSS start ${start_rss} MB, end ${end_rss} MB"
[ "$non2xx" = 0 ] && [ -z "$socket" ] && [ "$plans_bad" = 0 ]
