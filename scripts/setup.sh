#!/usr/bin/env bash
# Fresh machine -> working partyscreen: install dependencies, build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh "$@"
