#!/usr/bin/env bash
# Benchmark: ours beside the real OSRM (osrm-bindings 26.10 from PyPI: osrm-extract, -contract,
# -partition, -customize, -routed) on the same PBF files, in one run. Per input:
#   preparation — `showcase roads import --profile car` vs osrm-extract + osrm-contract (CH) or
#     osrm-extract + osrm-partition + osrm-customize (MLD): wall time and peak RSS (/usr/bin/time);
#   HTTP — `showcase serve` vs `osrm-routed` on loopback, keep-alive: 1,000 random routes
#     (p50/p99 and how many each found), a 100×100 table (POST /matrix vs /table/v1), and wrk
#     (2 threads, 32 connections, DURATION) on random routes.
# MLD on the generated grids (OSRM's CH did not finish the 10⁶-node grid in 40 minutes), CH on
# Helsinki. Profiles differ (OSRM's car.lua is not ours), so speed and found-or-not are compared,
# not durations. Our graph obeys turn restrictions, as OSRM's does.
# Usage: bench/routing/osrm.sh [SIZES (generated, default "358 800")] [DURATION (default 20s)]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
sizes=${1:-358 800}
duration=${2:-20s}
py312=~/.pyenv/versions/3.12.1/bin/python
$py312 -c "import osrm" 2>/dev/null || $py312 -m pip install -q osrm-bindings >&2
osrm=$($py312 -c "import osrm, os; print(os.path.dirname(osrm.__file__))")
scripts/install-deps.sh bench
for p in osmium-tool wrk; do dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "install ok installed" || { apt-get update -qq; apt-get install -y -qq $p >&2; }; done
swift build -c release --product showcase >&2
out=bench/out/routing; mkdir -p "$out/osrm"
for size in $sizes; do
  net="$out/net-$size.osm.pbf"
  if [ ! -f "$net" ]; then
    python3 bench/routing/make_network.py "$size" 1 > "$out/net.osm"
    osmium cat --overwrite "$out/net.osm" -o "$net" && rm "$out/net.osm"
  fi
done
measure() {  # measure LABEL CMD... : appends "secs kb" of one command to $out/steps.txt
  /usr/bin/time -f "%e %M" -o "$out/step.txt" "${@:2}" > "$out/$1.log" 2>&1 || { echo "$1 failed: $(tail -3 "$out/$1.log")" >&2; return 1; }
  cat "$out/step.txt" >> "$out/steps.txt"
}
echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(free -g | awk '/Mem:/ {print $2}') GB; release build; OSRM $($osrm/bin/osrm-routed --version 2>&1 | head -1)"
inputs="Tests/RoadGraphTests/Fixtures/Helsinki.osm.pbf"
for size in $sizes; do inputs="$inputs $out/net-$size.osm.pbf"; done
for input in $inputs; do
  name=$(basename "$input" .osm.pbf)
  algorithm=mld; [ "$name" = Helsinki ] && algorithm=ch
  echo "## $name: $(osmium fileinfo -e -g data.count.nodes "$input") nodes, $(osmium fileinfo -e -g data.count.relations "$input") relations in file; OSRM $algorithm"
  db="$out/$name.gpkg"; rm -f "$db" "$db"-wal "$db"-shm
  .build/release/showcase init --db "$db" 2>/dev/null
  : > "$out/steps.txt"
  measure ours-import .build/release/showcase roads import "$input" --profile car --db "$db"
  read -r our_s our_kb < "$out/steps.txt"
  grep -E "car:" "$out/ours-import.log" | sed 's/^showcase: /   /'
  work="$out/osrm/$name"; rm -rf "$work"; mkdir -p "$work"; cp "$input" "$work/$name.osm.pbf"
  : > "$out/steps.txt"
  measure osrm-extract "$osrm/bin/osrm-extract" -p "$osrm/share/profiles/car.lua" "$work/$name.osm.pbf"
  if [ $algorithm = ch ]; then
    measure osrm-contract "$osrm/bin/osrm-contract" "$work/$name.osrm"
  else
    measure osrm-partition "$osrm/bin/osrm-partition" "$work/$name.osrm"
    measure osrm-customize "$osrm/bin/osrm-customize" "$work/$name.osrm"
  fi
  read -r osrm_s osrm_kb < <(awk '{s += $1; if ($2 > m) m = $2} END {print s, m}' "$out/steps.txt")
  printf "   %-34s %10s %12s\n" "preparation" "seconds" "peak MB"
  printf "   %-34s %10.1f %12.0f\n" "ours: roads import (read+graph+CH)" "$our_s" "$((our_kb / 1024))" "OSRM: extract + ${algorithm} steps" "$osrm_s" "$((osrm_kb / 1024))"
  printf "   %-34s %10.2f %12.2f\n" "OSRM ÷ ours" "$(echo "$osrm_s / $our_s" | bc -l)" "$(echo "$osrm_kb / $our_kb" | bc -l)"
  # The same random points for both: inside the network's box (both snap to the nearest road).
  python3 - "$input" > "$out/points.txt" <<'PY'
import random, subprocess, sys
box = subprocess.run(["osmium", "fileinfo", "-e", "-g", "data.bbox", sys.argv[1]], capture_output=True, text=True).stdout
x0, y0, x1, y1 = map(float, box.strip().strip("()").replace(")", "").replace("(", "").split(","))
rng = random.Random(42)
for _ in range(2200):
    print("%.6f,%.6f" % (x0 + rng.random() * (x1 - x0), y0 + rng.random() * (y1 - y0)))
PY
  # Both ports must be free: a server left from an earlier run would share them (SO_REUSEPORT).
  for port in 8097 5001; do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is in use; stop what listens there first" >&2; exit 1; fi
  done
  .build/release/showcase serve --db "$db" --port 8097 2> "$out/serve.log" & ours=$!
  "$osrm/bin/osrm-routed" --algorithm $algorithm --port 5001 --max-table-size 1000 "$work/$name.osrm" > "$out/routed.log" 2>&1 & theirs=$!
  trap 'kill $ours $theirs 2>/dev/null || true' EXIT
  for i in $(seq 1 120); do
    curl -sf "http://127.0.0.1:8097/collections" > /dev/null && curl -s "http://127.0.0.1:5001/route/v1/driving/0,0;0,0" > /dev/null && break
    sleep 1
  done
  python3 bench/routing/osrm_client.py "$out/points.txt" 8097 5001 1000 > "$out/client.json"
  for who in ours osrm; do
    port=8097; [ $who = osrm ] && port=5001
    wrk -t2 -c32 -d"$duration" --latency -s bench/routing/wrk_routes.lua "http://127.0.0.1:$port" -- "$PWD/$out/points.txt" $who > "$out/wrk-$who.txt" 2>&1
  done
  kill $ours $theirs 2>/dev/null || true; wait $ours $theirs 2>/dev/null || true
  python3 - "$out" <<'PY'
import json, re, sys
out = sys.argv[1]
c = json.load(open(out + "/client.json"))
def wrk(who):
    t = open(f"{out}/wrk-{who}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    return rps, int(non2xx.group(1)) if non2xx else 0
o, r = c["ours"], c["osrm"]
(wo, no), (wr, nr) = wrk("ours"), wrk("osrm")
print(f"   {'HTTP (loopback, keep-alive)':34} {'ours':>10} {'OSRM':>12} {'OSRM ÷ ours':>12}")
print(f"   {'route p50 ms':34} {o['route_p50_ms']:10.3f} {r['route_p50_ms']:12.3f} {r['route_p50_ms'] / o['route_p50_ms']:12.2f}")
print(f"   {'route p99 ms':34} {o['route_p99_ms']:10.3f} {r['route_p99_ms']:12.3f} {r['route_p99_ms'] / o['route_p99_ms']:12.2f}")
print(f"   {'routes found (of ' + str(o['routes']) + ')':34} {o['found']:10d} {r['found']:12d}")
print(f"   {'100×100 table ms':34} {o['table_ms']:10.1f} {r['table_ms']:12.1f} {r['table_ms'] / o['table_ms']:12.2f}")
print(f"   {'table cells with a route':34} {o['table_cells_found']:10d} {r['table_cells_found']:12d}")
print(f"   {'wrk 32 conn, routes/s':34} {wo:10.0f} {wr:12.0f} {wr / wo:12.2f}   (non-2xx: ours {no}, OSRM {nr})")
PY
done
