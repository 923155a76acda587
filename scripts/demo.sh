#!/usr/bin/env bash
# The main job on the shipped data: build, then run showcase on GeoData/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps.sh build
swift build -c release --product showcase >&2
bin=.build/release/showcase
echo "== Shipped sites in Hohhot, WGS 84 → CGCS2000 3° Gauss–Krüger zone 37 (EPSG:4546):" >&2
python3 -c '
import csv, sys
for r in csv.DictReader(open("GeoData/sites.csv", encoding="utf-8")):
    if r["league"] == "Hohhot": print(r["lon"], r["lat"], r["id"])
' | "$bin" project --from EPSG:4326 --to EPSG:4546
echo "== The same sites as Amap (GCJ-02) shows them:" >&2
python3 -c '
import csv
for r in csv.DictReader(open("GeoData/sites.csv", encoding="utf-8")):
    if r["league"] == "Hohhot": print(r["lon"], r["lat"], r["id"])
' | "$bin" project --from EPSG:4326 --to GCJ02
