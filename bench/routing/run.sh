#!/usr/bin/env bash
# Benchmark: routing on the Helsinki extract and on a generated road-like network of ~10^6
# nodes, ours beside scipy, python-igraph and pgRouting (PostgreSQL 15 on 127.0.0.1), in one run.
# Ours: `showcase roads import` (PBF read + car graph + contraction hierarchy, time and peak
# memory), then RoutingBench (load, Dijkstra / A* / CH p50-p99, snapping+route, 100×100 matrix).
# Peers: bench/routing/peers.py on the same directed edges and node pairs; every peer answer is
# checked against ours. Usage: bench/routing/run.sh [SIZE (junctions per side, default 358)] [--no-pg]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
size=${1:-358}
pg=""; [ "${2:-}" = "--no-pg" ] && pg="--no-pg"
scripts/install-deps.sh bench
dpkg-query -W -f='${Status}' osmium-tool 2>/dev/null | grep -q "install ok installed" || { apt-get update -qq; apt-get install -y -qq osmium-tool >&2; }
python3 -c "import scipy, igraph" 2>/dev/null || python3 -m pip install -q scipy igraph >&2
[ -z "$pg" ] && bash bench/routing/setup_postgres.sh >&2
out=bench/out/routing; mkdir -p "$out"
swift build -c release --product showcase >&2
swift build -c release --package-path bench --product RoutingBench >&2
net="$out/net-$size.osm.pbf"
if [ ! -f "$net" ]; then
  python3 bench/routing/make_network.py "$size" 1 > "$out/net.osm"
  osmium cat --overwrite "$out/net.osm" -o "$net" && rm "$out/net.osm"
fi
echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(free -g | awk '/Mem:/ {print $2}') GB; release build"
for input in tests/helsinki "$net"; do
  [ "$input" = tests/helsinki ] && input=Tests/RoadGraphTests/Fixtures/Helsinki.osm.pbf
  name=$(basename "$input"); db="$out/$name.gpkg"; rm -f "$db" "$db-wal" "$db-shm"
  .build/release/showcase init --db "$db" 2>/dev/null
  /usr/bin/time -f "%e %M" -o "$out/time.txt" .build/release/showcase roads import "$input" --profile car --db "$db" 2> "$out/import.log"
  read -r secs kb < "$out/time.txt"
  echo "## $name: $(osmium fileinfo -e -g data.count.nodes "$input") nodes in file"
  grep -E "car:" "$out/import.log" | sed 's/^showcase: /   /'
  printf "   import (read + graph + CH + write): %.1f s, peak memory %.0f MB\n" "$secs" "$(echo "$kb/1024" | bc -l)"
  ours=$(bench/.build/release/RoutingBench "$db" car "$out/$name.d" 1000 "$input")
  peers=$(python3 bench/routing/peers.py "$out/$name.d" --pg-queries 10 $pg)
  python3 - "$ours" "$peers" <<'PY'
import json, sys
o, p = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"   graph load from GeoPackage {o['load_s']:.2f} s; algorithms disagree on {o['algorithm_disagreements']} pairs")
w, wo = o["turn_restrictions"]["with"], o["turn_restrictions"]["without"]
print(f"   {'turn restrictions':28} {'nodes':>9} {'shortcuts':>10} {'build s':>8} {'CH p50 ms':>10} {'CH p99 ms':>10} {'100×100 ms':>11}")
for label, r in (("without (docs/car-profile.md)", wo), ("with", w)):
    print(f"   {label:28} {r['nodes']:9d} {r['shortcuts']:10d} {r['build_s']:8.1f} {r['ch_p50_ms']:10.3f} {r['ch_p99_ms']:10.3f} {r['matrix_100x100_ms']:11.1f}")
print(f"   {'with ÷ without':28} {w['nodes'] / wo['nodes']:9.3f} {w['shortcuts'] / wo['shortcuts']:10.3f} {w['build_s'] / wo['build_s']:8.2f} {w['ch_p50_ms'] / wo['ch_p50_ms']:10.2f} {w['ch_p99_ms'] / wo['ch_p99_ms']:10.2f} {w['matrix_100x100_ms'] / wo['matrix_100x100_ms']:11.2f}")
rows = [("ours CH", o["ch_p50_ms"], o["ch_p99_ms"], o["ch_n"], ""),
        ("ours CH + snapping + path", o["route_with_snapping_p50_ms"], o["route_with_snapping_p99_ms"], 200, ""),
        ("ours bidirectional A*", o["astar_p50_ms"], o["astar_p99_ms"], o["astar_n"], ""),
        ("ours Dijkstra", o["dijkstra_p50_ms"], o["dijkstra_p99_ms"], o["dijkstra_n"], ""),
        ("igraph distances 1:1", p["igraph_p50_ms"], p["igraph_p99_ms"], p["igraph_n"], f"{p['igraph_disagreements']} disagree"),
        ("scipy dijkstra 1:all", p["scipy_one_to_all_p50_ms"], p["scipy_one_to_all_p99_ms"], p["scipy_n"], f"{p['scipy_disagreements']} disagree")]
if "pgrouting_p50_ms" in p:
    rows.append(("pgRouting pgr_dijkstra", p["pgrouting_p50_ms"], p["pgrouting_p99_ms"], p["pgrouting_n"], f"{p['pgrouting_disagreements']} disagree"))
print(f"   {'point-to-point':28} {'p50 ms':>10} {'p99 ms':>10} {'n':>5} {'p50 ÷ ours CH':>14}")
for name, p50, p99, n, note in rows:
    print(f"   {name:28} {p50:10.3f} {p99:10.3f} {n:5d} {p50 / o['ch_p50_ms']:14.0f}  {note}")
print(f"   {'100×100 matrix':28} {'ms':>10} {'÷ ours':>10}")
print(f"   {'ours CH buckets':28} {o['matrix_100x100_ms']:10.1f} {1:10.0f}")
for name, key in (("scipy (100 one-to-all)", "scipy_matrix_100x100_ms"), ("igraph distances", "igraph_matrix_100x100_ms"), ("pgr_dijkstraCostMatrix", "pgrouting_matrix_100x100_ms")):
    if key in p:
        print(f"   {name:28} {p[key]:10.1f} {p[key] / o['matrix_100x100_ms']:10.0f}")
PY
done
