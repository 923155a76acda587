#!/usr/bin/env bash
# Runs every test (installs what the tests need first).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
scripts/install-deps.sh test
# Formatting is part of the test: .swift-format says how (swift-format ships with the toolchain);
# `scripts/format.sh` applies it.
swift format lint --strict --configuration .swift-format -r Sources Tests bench/*/swift Fuzz/Sources
swift build --build-tests
swift test --skip-build "$@"
# A short fuzzing run of every parser (the long runs: scripts/fuzz.sh --runs 1000000).
scripts/fuzz.sh --debug --seconds 10
