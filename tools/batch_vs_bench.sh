#!/usr/bin/env bash
# `batch` end to end against `bench`'s screening rate (issue 11: batch within 1.5x of bench), one
# or more binaries alternated per round on the same machine (docs/BENCHMARKS.md).
#
#   tools/batch_vs_bench.sh ROUNDS BIN [BIN...]
#
# Queries: ../shared/eval/dev.jsonl repeated 20 times (47,600). Per round and binary: `bench --in
# dev.jsonl --rounds 5 -j 1` (median single-thread rate), then `batch --in Q --threads 1` timed
# with /usr/bin/time; ratio = batch wall / (queries / bench rate). Prints one line per run and the
# median ratio per binary. Environment: SHARED (default ../shared), OUT (default /tmp/batch_vs_bench).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:?usage: tools/batch_vs_bench.sh ROUNDS BIN [BIN...]}
shift
[ $# -ge 1 ] || { echo "usage: tools/batch_vs_bench.sh ROUNDS BIN [BIN...]" >&2; exit 2; }
shared=${SHARED:-$root/../shared}
out=${OUT:-/tmp/batch_vs_bench}
mkdir -p "$out"
q=$out/queries.jsonl
: > "$q"
for _ in $(seq 20); do cat "$shared/eval/dev.jsonl" >> "$q"; done
n=$(wc -l < "$q")
for r in $(seq "$rounds"); do
  for bin in "$@"; do
    rate=$("$bin" bench --in "$shared/eval/dev.jsonl" --rounds 5 -j 1 2>/dev/null |
      awk '/^1 thread /{print $3}')
    /usr/bin/time -f "%e" -o "$out/time" "$bin" batch --in "$q" --out "$out/r.jsonl" --threads 1 \
      2>/dev/null
    wall=$(cat "$out/time")
    echo "$r $bin bench=${rate}q/s batch=${wall}s ratio=$(awk -v w="$wall" -v n="$n" -v r="$rate" \
      'BEGIN{printf "%.3f", w / (n / r)}')"
  done
done | tee "$out/runs.txt"
python3 - "$out/runs.txt" <<'PY'
import statistics, sys
ratios = {}
for line in open(sys.argv[1]):
    f = line.split()
    ratios.setdefault(f[1], []).append(float(f[4].split("=")[1]))
for b, r in ratios.items():
    print(f"median ratio {statistics.median(r):.3f}  {b} ({len(r)} runs: {' '.join(f'{x:.2f}' for x in r)})")
PY
