#!/usr/bin/env bash
# Benchmark: the OPTW set (Solomon, one route, 0.9 s each) and Cordeau pr01–20 (1–4 routes,
# 2.7 s each, so wall time with process start and loading stays under 3 s) for showcase,
# pyvroom and OR-Tools in one run: same files, same budgets.
# Usage: bench/solver/run.sh [KIT_DIR]   (default ../shared/bench/optw)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
kit=${1:-../shared/bench/optw}
scripts/install-deps.sh build
python3 -c "import vroom, ortools" 2>/dev/null || pip install -q pyvroom ortools >&2
swift build -c release --product showcase >&2
echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); pyvroom $(pip show pyvroom 2>/dev/null | awk '/^Version/ {print $2}'), OR-Tools $(python3 -c 'import ortools; print(ortools.__version__)')"
python3 bench/solver/bench.py "$kit" .build/release/showcase --sets solomon --time 0.9
python3 bench/solver/bench.py "$kit" .build/release/showcase --sets cordeau --time 2.7
