#!/usr/bin/env bash
# Screening-quality evaluation on the development sets, all at once (docs/MATCHING.md).
#
#   tools/eval.sh [QUERIES.jsonl]
#
# 1. Screens the queries (default ../shared/eval/dev.jsonl) with `partyscreen batch` against the
#    lists the set was built from (CSL 2022-04, OFAC SDN 2024-07-02, UN consolidated), at the
#    engine's default threshold and at 0.5 (for the threshold-free recall_at_far1), and scores
#    both runs with ../shared/eval/score.py.
# 2. When no QUERIES is given: the ordinary names of ../shared/eval/innocent_dev.jsonl against the
#    same lists (every hit is a false alert), and the cross-script name pairs of
#    ../shared/eval/xscript_pairs_dev.jsonl through `partyscreen compare` (score_pairs.py).
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

if [ $# -eq 0 ]; then
  echo "== ordinary names (innocent_dev.jsonl): every hit is a false alert"
  "$bin" batch "${lists[@]}" --in "$shared/eval/innocent_dev.jsonl" --out "$out/innocent.jsonl" \
    --threads "$threads"
  python3 "$shared/eval/score.py" "$shared/eval/innocent_dev.jsonl" "$out/innocent.jsonl" |
    grep -E "queries|false_alerts"
  echo "== cross-script pairs (xscript_pairs_dev.jsonl): $bin compare --in ..."
  "$bin" compare --in "$shared/eval/xscript_pairs_dev.jsonl" --out "$out/xscript.jsonl"
  python3 "$shared/eval/score_pairs.py" "$shared/eval/xscript_pairs_dev.jsonl" "$out/xscript.jsonl"
fi
