#!/usr/bin/env bash
# Screening-quality evaluation on a labelled query set (default: ../shared/eval/dev.jsonl).
#
#   tools/eval.sh [QUERIES.jsonl]
#
# Screens the queries with `partyscreen batch` against the lists the set was built from (CSL
# 2022-04, OFAC SDN 2024-07-02, UN consolidated), at the engine's default threshold and at 0.5
# (for the threshold-free recall_at_far1), and scores both runs with ../shared/eval/score.py.
# Environment: PARTYSCREEN (binary, default build/partyscreen), SHARED (default ../shared),
# OUT (directory for the result files, default build/eval), THREADS (default 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PARTYSCREEN:-$root/build/partyscreen}
shared=${SHARED:-$root/../shared}
queries=${1:-$shared/eval/dev.jsonl}
out=${OUT:-$root/build/eval}
threads=${THREADS:-2}
mkdir -p "$out"
lists=(--list "csl-csv:$shared/lists/csl/csl-2022-04/consolidated.csv.gz"
       --list "ofac-csv:$shared/lists/ofac/sdn-2024-07-02/sdn.csv"
       --list "un-xml:$shared/lists/un/UN_consolidated.xml")

echo "== default threshold: $bin batch ${lists[*]} --in $queries --threads $threads"
"$bin" batch "${lists[@]}" --in "$queries" --out "$out/results.jsonl" --threads "$threads"
python3 "$shared/eval/score.py" "$queries" "$out/results.jsonl"

echo "== threshold 0.5 (recall_at_far1 is the threshold-free figure)"
"$bin" batch "${lists[@]}" --in "$queries" --out "$out/results_low.jsonl" --threads "$threads" --threshold 0.5
python3 "$shared/eval/score.py" "$queries" "$out/results_low.jsonl" | grep -E "recall_at_far1|far1_threshold"
