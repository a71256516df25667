#!/usr/bin/env bash
# Checks the formatting, builds (warnings as errors) and runs the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/check-format.sh
./scripts/build.sh
cd build && ctest --output-on-failure -j2 "$@"
