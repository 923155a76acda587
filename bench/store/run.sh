#!/usr/bin/env bash
# Benchmark: import 100,000 generated sites, then 1,000 `near` (20 km) and 1,000 `within`
# (0.2° box) queries; the same queries as plain sqlite3 R-tree SQL on the same file, in one run.
# The import is also timed beside GDAL's ogr2ogr (CSV -> GeoPackage with R-tree, no text index)
# and an sqlite3-shell script building the same rows, R-tree and FTS5 index (bench/store/import_peers.py).
# Usage: bench/store/run.sh [sites]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
n=${1:-100000}
scripts/install-deps.sh build
out=bench/out; mkdir -p "$out"
python3 bench/store/make_sites.py "$n" > "$out/sites-$n.csv"
swift build -c release --package-path bench --product StoreBench >&2
ours=$(bench/.build/release/StoreBench "$out/sites-$n.csv" "$out/bench.gpkg" "$out/queries.tsv")
peer=$(python3 bench/store/sqlite_peer.py "$out/bench.gpkg" "$out/queries.tsv")
peers=$(python3 bench/store/import_peers.py "$out/sites-$n.csv")
echo "# $n sites; $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); SQLite $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')"
awk -F'\t' '$1=="import" {printf "import: %d sites in %.2f s (%s); target < 3 s\n", $2, $3, $4}' <<<"$ours"
ours_s=$(awk -F'\t' '$1=="import" {print $3}' <<<"$ours")
while read -r name secs; do
  printf "  peer %-7s %.2f s  (ours/peer %.2f)\n" "$name" "$secs" "$(echo "$ours_s/$secs" | bc -l)"
done <<<"$peers"
printf "%-8s %12s %12s %14s %14s %9s %9s\n" query "ours p50 ms" "ours p99 ms" "sqlite3 p50 ms" "sqlite3 p99 ms" "p50 ratio" "hits =?"
for q in near within; do
  read -r _ op50 op99 ohits <<<"$(grep "^$q" <<<"$ours")"
  read -r _ pp50 pp99 phits <<<"$(grep "^$q" <<<"$peer")"
  printf "%-8s %12s %12s %14s %14s %9.2f %9s\n" "$q" "$op50" "$op99" "$pp50" "$pp99" "$(echo "$op50/$pp50" | bc -l)" "$([ "$ohits" = "$phits" ] && echo "yes ($ohits)" || echo "NO $ohits/$phits")"
done
