#!/usr/bin/env bash
# Side-by-side run of partyscreen and the peers in ../shared/peers (README there) on the same
# queries and the same lists, in one run (absolute times on a shared machine are noisy: quote
# ratios).
#
#   tools/peers.sh [QUERIES.jsonl]
#
# Writes build/peers/{aliases.tsv, partyscreen.jsonl, jw_scan.jsonl, pg_trgm.jsonl} and prints,
# for each screener, the wall time and score.py's figures. pg_trgm needs a local PostgreSQL 15
# server (`pg_ctlcluster 15 main start`); it is skipped when none answers.
# Environment: PARTYSCREEN, SHARED, OUT, THREADS as in tools/eval.sh; JW_THRESHOLD (0.90),
# TRGM_THRESHOLD (0.60).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PARTYSCREEN:-$root/build/partyscreen}
shared=${SHARED:-$root/../shared}
queries=${1:-$shared/eval/dev.jsonl}
out=${OUT:-$root/build/peers}
threads=${THREADS:-1}
mkdir -p "$out"
lists=(--list "csl-csv:$shared/lists/csl/csl-2022-04/consolidated.csv.gz"
       --list "ofac-csv:$shared/lists/ofac/sdn-2024-07-02/sdn.csv"
       --list "un-xml:$shared/lists/un/UN_consolidated.xml")


echo "== partyscreen (bench prints queries/s and latency; batch gives the results)"
"$bin" bench "${lists[@]}" --in "$queries" --threads "$threads" --aliases-tsv "$out/aliases.tsv"
"$bin" batch "${lists[@]}" --in "$queries" --out "$out/partyscreen.jsonl" --threads "$threads"
python3 "$shared/eval/score.py" "$queries" "$out/partyscreen.jsonl"

echo "== jw_scan (threshold ${JW_THRESHOLD:-0.90}, $threads thread(s))"
g++ -O2 -std=c++20 "$shared/peers/jw_scan.cpp" -o "$out/jw_scan" -licuuc -licui18n
"$out/jw_scan" "$out/aliases.tsv" "$queries" "${JW_THRESHOLD:-0.90}" "$threads" > "$out/jw_scan.jsonl"
python3 "$shared/eval/score.py" "$queries" "$out/jw_scan.jsonl"

echo "== pg_trgm (threshold ${TRGM_THRESHOLD:-0.60})"
if su postgres -c "psql -q -c 'select 1'" >/dev/null 2>&1; then
  python3 "$shared/peers/pg_trgm.py" "$out/aliases.tsv" "$queries" "${TRGM_THRESHOLD:-0.60}" > "$out/pg_trgm.jsonl"
  python3 "$shared/eval/score.py" "$queries" "$out/pg_trgm.jsonl"
else
  echo "no local PostgreSQL server answers: skipped (pg_ctlcluster 15 main start)"
fi
