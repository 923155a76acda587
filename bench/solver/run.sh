#!/usr/bin/env bash
# Benchmark: TSPLIB (52–2,392 cities, 2 s each; with fast-tsp and LKH as references), then the OPTW set (Solomon, one route, 0.9 s each) and Cordeau pr01–20 (1–4 routes,
# 2.7 s each, so wall time with process start and loading stays under 3 s) for showcase,
# pyvroom and OR-Tools in one run: same files, same budgets.
# Usage: bench/solver/run.sh [KIT_DIR [TSP_KIT_DIR]]   (defaults ../shared/bench/optw, ../shared/bench/tsp)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
kit=${1:-../shared/bench/optw}
tsp_kit=${2:-../shared/bench/tsp}
scripts/install-deps.sh build
python3 -c "import vroom, ortools, fast_tsp, elkai" 2>/dev/null || pip install -q pyvroom ortools fast-tsp elkai >&2
swift build -c release --product showcase >&2
echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); pyvroom $(pip show pyvroom 2>/dev/null | awk '/^Version/ {print $2}'), OR-Tools $(python3 -c 'import ortools; print(ortools.__version__)')"
python3 bench/solver/tsp.py "$tsp_kit" .build/release/showcase --time 2
python3 bench/solver/bench.py "$kit" .build/release/showcase --sets solomon --time 0.9
python3 bench/solver/bench.py "$kit" .build/release/showcase --sets cordeau --time 2.7
