#!/usr/bin/env bash
# Benchmark: the orienteering problem with hotel selection (issue 18) on the shared OPHS kit
# (106 instances of Divsalar et al., SET_1-2/2-3/3-4, best-known scores from a
# branch-cut-and-price, 104 proven optimal), at 1 s and 2 s, three seeds each. No routing
# engine or VRP solver selects hotels, so the peers are the published heuristics' figures.
# Usage: bench/ophs/run.sh [KIT_DIR] [--times 1,2] [--seeds 1,2,3] [--only NAME]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
kit=../shared/bench/ophs
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then kit=$1; shift; fi
scripts/install-deps.sh build
swift build -c release --product showcase >&2
echo "# $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F)"
python3 bench/ophs/bench.py "$kit" .build/release/showcase "$@"
