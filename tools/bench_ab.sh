#!/usr/bin/env bash
# Speed A/B of two partyscreen binaries in the same minutes (docs/BENCHMARKS.md): single-thread
# `bench --rounds 9` on the dev queries, on their Latin-only queries and on their non-Latin ones,
# the two binaries alternated, REPS times.
#
#   tools/bench_ab.sh OLD_BINARY NEW_BINARY [REPS]
#
# Environment: SHARED (default ../shared), OUT (directory for the query subsets, default
# build/bench_ab).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
old=$1
new=$2
reps=${3:-2}
shared=${SHARED:-$root/../shared}
out=${OUT:-$root/build/bench_ab}
mkdir -p "$out"
python3 - "$shared/eval/dev.jsonl" "$out" <<'PY'
import json, sys
latin = open(sys.argv[2] + "/latin.jsonl", "w")
other = open(sys.argv[2] + "/nonlatin.jsonl", "w")
for line in open(sys.argv[1]):
    # Latin (with Latin Extended-B) and below; anything above is another script
    (other if any(ord(c) > 0x24F for c in json.loads(line)["name"]) else latin).write(line)
PY
for rep in $(seq "$reps"); do
  for f in "$shared/eval/dev.jsonl" "$out/latin.jsonl" "$out/nonlatin.jsonl"; do
    for b in "$old" "$new"; do
      echo "$(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg) $(basename "$f") $b:" \
        "$("$b" bench --in "$f" --rounds 9 -j 1 2>&1 | grep -E '^1 thread |p99' | tr -s ' ' | tr '\n' ' ')"
    done
  done
done
