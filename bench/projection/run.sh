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
swift build -c release --product ProjectionBench >&2
ours=$(.build/release/ProjectionBench "$n")
theirs=$(python3 bench/projection/pyproj_bench.py "$n")
# pyproj's wheel bundles its own (newer) PROJ; a pyproj built against Debian's PROJ compares
# like with like. Build it once: python3 -m venv .venv-pyproj && PROJ_DIR=/usr
#   .venv-pyproj/bin/pip install numpy pyproj==3.6.1 --no-binary pyproj
same=""
if [ -x .venv-pyproj/bin/python ]; then same=$(.venv-pyproj/bin/python bench/projection/pyproj_bench.py "$n"); fi
echo "# $n points; $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# PROJ $(pkg-config --modversion proj) (ours, Debian) vs pyproj $(python3 -c 'import pyproj; print(pyproj.__version__, "with PROJ", pyproj.proj_version_str)') (wheel)"
[ -n "$same" ] && echo "# and pyproj $(.venv-pyproj/bin/python -c 'import pyproj; print(pyproj.__version__, "with PROJ", pyproj.proj_version_str)') (built on Debian's PROJ)"
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
