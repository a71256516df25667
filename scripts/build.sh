#!/usr/bin/env bash
# Configures and builds partyscreen into build/ (Release, warnings as errors: the same flags as
# scripts/test.sh, so that the tests after a setup reuse its build). Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARTYSCREEN_WERROR=ON "$@" >/dev/null
cmake --build build -j2
