#!/usr/bin/env bash
# Formats every Swift file as .swift-format says (scripts/test.sh checks it with `lint --strict`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
swift format format --configuration .swift-format -i -r Sources Tests bench/*/swift Fuzz/Sources Package.swift
