#!/usr/bin/env bash
# The main job on the shipped data: build, create the GeoPackage from GeoData/, query it, and plan
# a three-day coach trip from Hohhot with `showcase plan`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps.sh build
swift build -c release --product showcase >&2
bin=.build/release/showcase
db=${SHOWCASE_DB:-showcase.gpkg}
step() { printf '\n== %s\n$ %s\n' "$1" "${*:2}" >&2; "${@:2}"; }
step "Build the GeoPackage from the shipped data" "$bin" init --db "$db"
step "Red-education sites" "$bin" sites list --theme red-education --db "$db"
step "Sites within 10 km of Hohhot's centre, nearest first" "$bin" sites near 111.65222,40.81056 --radius-km 10 --db "$db"
step "Search in Chinese" "$bin" sites search 博物馆 --db "$db"
step "Designations due for re-verification by 2026" "$bin" sites review-due --year 2026 --db "$db"
step "Hohhot's heritage sites as a web map (Amap, GCJ-02) would show them" \
  bash -c "'$bin' sites list --league Hohhot --kind temple --format csv --db '$db' | python3 -c 'import csv,sys; [print(r[\"lon\"], r[\"lat\"], r[\"id\"]) for r in csv.DictReader(sys.stdin)]' | '$bin' project --from EPSG:4326 --to GCJ02"
step "Road route Hohhot → Baotou on the shipped trunk roads (coach)" "$bin" route Hohhot Baotou --profile coach --db "$db"
step "Travel times between three sites (seconds, metres)" "$bin" matrix --sites im-hhht-dazhao-temple,im-bt-meidaizhao,im-ordos-genghis-mausoleum --db "$db"
printf '\n== The main job: three days of heritage sites from Hohhot by coach, from Tuesday 2 June 2026\n' >&2
echo "   (shipped coarse trunk roads; opening hours and public holidays from the data; 09:00-17:00 where a site has none)" >&2
"$bin" plan --start Hohhot --date 2026-06-02 --days 3 --profile coach --theme heritage --db "$db" --out trip.geojson --out trip.md --lang zh
"$bin" export sites --format geojson --out sites.geojson --db "$db"
echo >&2; echo "Wrote $db (open it in QGIS), trip.geojson (the plan on a map), trip.md (printable, Chinese) and sites.geojson." >&2
