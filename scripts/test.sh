#!/usr/bin/env bash
# Builds (warnings as errors) and runs the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh -DPARTYSCREEN_WERROR=ON
cd build && ctest --output-on-failure -j2 "$@"
