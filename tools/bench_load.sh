#!/usr/bin/env bash
# Measures loading every list in ../shared/lists together: wall time and peak RSS (GNU time), 5 runs.
# Usage: tools/bench_load.sh [path/to/partyscreen]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build/partyscreen}"
ARGS=$(tools/all_lists.sh)
for i in 1 2 3 4 5; do
  /usr/bin/time -f "run $i: %e s wall, %M KiB peak RSS" "$BIN" lists $ARGS >/dev/null
done
"$BIN" lists $ARGS
