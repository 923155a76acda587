#!/usr/bin/env bash
# Benchmark: 10^6 points per CRS pair, showcase's Transformer (serial and all cores) beside
# pyproj's Transformer.transform on numpy arrays, in one run. Prints points/s and ratios.
# Usage: bench/projection/run.sh [points]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
n=${1:-1000000}
scripts/install-deps.sh bench
python3 -c "import pyproj, numpy" 2>/dev/null || pip install -q pyproj numpy >&2
swift build -c release --package-path bench --product ProjectionBench >&2
ours=$(bench/.build/release/ProjectionBench "$n")
theirs=$(python3 bench/projection/pyproj_bench.py "$n")
# pyproj's wheel bundles its own (newer) PROJ; Debian's python3-pyproj is built against the
# same PROJ as ours and compares like with like.
same=$(/usr/bin/python3 bench/projection/pyproj_bench.py "$n")
echo "# $n points; $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# PROJ $(pkg-config --modversion proj) (ours, Debian) vs pyproj $(python3 -c 'import pyproj; print(pyproj.__version__, "with PROJ", pyproj.proj_version_str)') (wheel)"
echo "# and Debian's python3-pyproj $(/usr/bin/python3 -c 'import pyproj; print(pyproj.__version__, "with PROJ", pyproj.proj_version_str)')"
echo "# points/s; GCJ02 row: pyproj does only the WGS 84 leg (it has no GCJ-02)"
printf "%-24s %12s %12s %12s %12s %8s %8s %8s\n" pair "showcase 1T" "showcase all" "pyproj whl" "pyproj deb" "1T/whl" "all/whl" "1T/deb"
while IFS=$'\t' read -r pair mode pps; do
  [ "$mode" = serial ] || continue
  par=$(awk -F'\t' -v p="$pair" '$1==p && $2=="parallel" {print $3}' <<<"$ours")
  py=$(awk -F'\t' -v p="$pair" '$1==p {print $3}' <<<"$theirs")
  deb=$(awk -F'\t' -v p="$pair" '$1==p {print $3}' <<<"$same"); deb=${deb:-0}
  ratio_deb=$([ "$deb" -gt 0 ] && echo "$pps/$deb" | bc -l || echo 0)
  printf "%-24s %12d %12d %12d %12d %8.2f %8.2f %8.2f\n" "$pair" "$pps" "$par" "$py" "$deb" \
    "$(echo "$pps/$py" | bc -l)" "$(echo "$par/$py" | bc -l)" "$ratio_deb"
done <<<"$ours"
