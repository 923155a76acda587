#!/usr/bin/env bash
# Benchmark: several `showcase serve` replicas (release) on one PostGIS store behind HAProxy, on
# loopback. wrk for DURATION (default 20s) on GET /route through HAProxy, first with 1 replica,
# then with 3 and one replica SIGKILLed halfway; prints requests, non-2xx answers and requests/s.
# Then the CLI's route, matrix and plan timed on PostGIS beside the GeoPackage (median of 5).
# Usage: bench/replicas/run.sh [DURATION]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
duration=${1:-20s}
secs=${duration%s}
scripts/install-deps.sh bench
swift build -c release --product showcase --scratch-path .build-release >&2
bin=$PWD/.build-release/release/showcase
out=$PWD/bench/out/replicas; mkdir -p "$out"
pgbin=/usr/lib/postgresql/15/bin
pgdir=$(mktemp -d /tmp/showcase-bench-pg-XXXX); chown postgres:postgres "$pgdir"
pgport=55432
as_pg() { runuser -u postgres -- "$@"; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT
as_pg "$pgbin/initdb" -D "$pgdir/data" --auth=trust -U postgres -E UTF8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1" start >/dev/null
as_pg "$pgbin/createdb" -h 127.0.0.1 -p $pgport showcase
store=postgresql://postgres@127.0.0.1:$pgport/showcase
gpkg=$out/db.gpkg; rm -f "$gpkg"*
"$bin" init --store "$store" 2>/dev/null
"$bin" init --store "$gpkg" 2>/dev/null

replica() {   # replica PORT: starts one, appends its pid
  "$bin" serve --store "$store" --port "$1" 2> "$out/replica-$1.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return; sleep 0.1; done
  echo "replica on $1 did not start" >&2; exit 1
}
balancer() {   # balancer PORT...: HAProxy on 8000 over those replicas
  sed '/^    server /d' deploy/haproxy.cfg > "$out/haproxy.cfg"
  for p in "$@"; do echo "    server r$p 127.0.0.1:$p check" >> "$out/haproxy.cfg"; done
  haproxy -f "$out/haproxy.cfg" -db > "$out/haproxy.log" 2>&1 &
  hpid=$!; pids+=($hpid)
  for _ in $(seq 50); do curl -sf http://127.0.0.1:8000/health >/dev/null && return; sleep 0.1; done
}
run_wrk() {   # run_wrk LABEL [KILL_PID]
  wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:8000/route?from=111.6500,40.8100&to=109.8400,40.6500" \
    > "$out/wrk.txt" 2>&1 &
  local w=$!
  if [ -n "${2:-}" ]; then sleep $((secs / 2)); kill -9 "$2"; fi
  wait $w
  local n rps non2xx sock
  n=$(awk '/requests in/ {print $1}' "$out/wrk.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$out/wrk.txt"); sock=$(awk '/Socket errors/ {print}' "$out/wrk.txt")
  echo "$1: $n requests, ${non2xx:-0} non-2xx, ${sock:-no socket errors}, $rps req/s"
}

echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg); wrk 32 connections, 2 threads, $duration; HAProxy $(haproxy -v | head -1 | awk '{print $3}'); PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}')"
replica 8081
balancer 8081
run_wrk "1 replica"
kill "$hpid"; sleep 0.5
replica 8082; replica 8083
balancer 8081 8082 8083
victim=${pids[-2]}   # the replica on 8083 (started last before HAProxy)
run_wrk "3 replicas, one SIGKILLed at $((secs / 2)) s" "$victim"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_ms() {   # time_ms STORE ARGS...: median wall time of 5 runs, in ms
  local s=$1; shift
  for _ in 1 2 3 4 5; do
    local t0; t0=$(date +%s%N)
    "$bin" "$@" --store "$s" >/dev/null 2>&1
    echo $((($(date +%s%N) - t0) / 1000000))
  done | median
}
echo "# CLI, median of 5 (a process per run: opening the store and decoding the graph included)"
for cmd in "route Hohhot Baotou --profile coach" "matrix im-hhht-dazhao-temple,im-bt-meidaizhao,Chifeng,Ordos,Wuhai" \
           "plan Plans/hohhot-heritage-3-days.yaml --iterations 2000"; do
  # shellcheck disable=SC2086
  echo "${cmd%% *}: GeoPackage $(time_ms "$gpkg" $cmd) ms, PostGIS $(time_ms "$store" $cmd) ms"
done
