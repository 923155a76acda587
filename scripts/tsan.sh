#!/usr/bin/env bash
# Runs the concurrent parts of showcase under ThreadSanitizer (a debug build in .build-tsan):
# parallel PBF decoding and contraction (roads import), the solver's two search threads
# (solve --threads 2), and the server under concurrent mixed requests, plans and an import by
# another process. Prints each step and the number of ThreadSanitizer reports; exit 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps.sh test >&2
swift build --sanitize=thread --scratch-path .build-tsan --product showcase 2>&1 | grep -E "error|Build" >&2 || true
bin=.build-tsan/debug/showcase
out=.build-tsan/run; rm -rf "$out"; mkdir -p "$out"
export TSAN_OPTIONS="log_path=$PWD/$out/tsan second_deadlock_stack=1"
export SWIFT_BACKTRACE=enable=no
step() { echo "tsan: $*" >&2; }

step "init"; $bin init --db "$out/db.gpkg" > /dev/null 2>&1
step "roads import (parallel blocks, contraction)"
cp "$out/db.gpkg" "$out/roads.gpkg"; $bin roads import Tests/RoadGraphTests/Fixtures/Helsinki.osm.pbf --db "$out/roads.gpkg" > /dev/null 2>&1
step "solve --threads 2"
python3 - > "$out/problem.json" <<'PY'
import json, random
r = random.Random(3); n = 60
pts = [(r.uniform(0, 100), r.uniform(0, 100)) for _ in range(n + 1)]
m = [[int(((a[0]-b[0])**2 + (a[1]-b[1])**2) ** 0.5 * 60) for b in pts] for a in pts]
jobs = [{"id": i, "location_index": i, "service": 600, "priority": r.randrange(1, 100),
         "time_windows": [[0, 30000]] if i % 3 else [[10000, 40000]]} for i in range(1, n + 1)]
vehicles = [{"id": d, "start_index": 0, "end_index": 0, "time_window": [0, 36000]} for d in range(3)]
print(json.dumps({"jobs": jobs, "vehicles": vehicles, "matrices": {"car": {"durations": m}}}))
PY
$bin solve "$out/problem.json" --threads 2 --time-limit 3 > /dev/null 2>&1

step "serve under concurrent requests, plans and an import by another process"
$bin serve --db "$out/db.gpkg" --port 8097 --data . --max-plans 2 2> "$out/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "8097" "$out/server.log" 2>/dev/null && break; sleep 0.2; done
python3 -c "
print('id,name_en,kind,lon,lat')
for i in range(3000): print(f'gen-{i},Generated {i},museum,{100 + (i % 100) / 10},{40 + (i // 100) / 100}')" > "$out/sites.csv"
$bin sites import "$out/sites.csv" --db "$out/db.gpkg" > /dev/null 2>&1 &
importer=$!
paths=("/route?from=Hohhot&to=Baotou" "/collections/sites/items?limit=5" "/collections/towns/items?bbox=110,40,112,42"
       "/reach?from=Hohhot&minutes=30" "/collections" "/collections/sites/items/im-bt-meidaizhao")
for round in $(seq 6); do
  for p in "${paths[@]}"; do curl -s -o /dev/null "http://127.0.0.1:8097$p" & done
  for _ in 1 2 3; do curl -s -o /dev/null -X POST --data-binary $'start: Hohhot\ndate: 2026-06-02\ndays: 1\ntime_limit: 0.5\n' http://127.0.0.1:8097/plan & done
  curl -s -o /dev/null -X POST --data-binary '{"sites":["im-hhht-dazhao-temple","im-bt-meidaizhao"]}' http://127.0.0.1:8097/matrix &
  wait $(jobs -p | grep -v "^$pid$" | grep -v "^$importer$") 2>/dev/null || true
done
wait $importer
kill -TERM $pid; wait $pid || true
reports=$(cat "$out"/tsan.* 2>/dev/null | grep -c "WARNING: ThreadSanitizer" || true)
echo "ThreadSanitizer reports: $reports (logs: $out/tsan.*)"
[ "$reports" = 0 ]
