#!/usr/bin/env bash
# The quick loop: builds (warnings as errors) and runs the tests labelled "fast" (no server, no
# subprocess, no crash or PostgreSQL test, no end-to-end pass over the real lists). The full
# suite (scripts/test.sh) is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
cd build && ctest --output-on-failure -j2 -L fast "$@"
