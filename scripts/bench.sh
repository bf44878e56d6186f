#!/usr/bin/env bash
# Runs the benchmarks in Benchmarks/ (a separate package, release build). Figures are ratios
# against a baseline measured in the same run; see README "Performance".
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
swift package --disable-sandbox benchmark "$@"
