#!/usr/bin/env bash
# The Dask figures of docs/SCALE.md, all in one run (the machine is shared: compare ratios, not
# absolute rates): generated customers screened by `partyscreen batch` with 1 and 2 threads and by
# `python3 -m partyscreen.dask` on a LocalCluster of 1 and 2 worker processes (one thread each),
# each result file checked equal to batch's. Rates exclude nothing: each command is timed whole
# (list loading, cluster start, partitioning and the ordered write included), and the screening
# rate each prints itself is reported beside it. dask1d/dask2d write with --out-dir (each worker
# its partitions' files, the client receives no result): their parts, in order, must be batch's
# file too.
#
#   tools/bench_dask.sh [COUNT] [ROUNDS]   # defaults: 200000 customers, 3 rounds (the middle
#                                          # time of the rounds; of 2, the better)
#
# Environment: PARTYSCREEN (binary, default build/partyscreen), SHARED (default ../shared),
# OUT (work directory, default build/bench_dask), BLOCKSIZE (dask partition, default 1MB).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${PARTYSCREEN:-$root/build/partyscreen}")
shared=$(realpath "${SHARED:-$root/../shared}")
out=${OUT:-$root/build/bench_dask}
count=${1:-200000}
rounds=${2:-3}
blocksize=${BLOCKSIZE:-1MB}
py=/usr/bin/python3
export PYTHONPATH="$(dirname "$bin")/python${PYTHONPATH:+:$PYTHONPATH}"
mkdir -p "$out"
cd "$out"
[ -s customers-$count.csv ] ||
  $py "$root/tools/make_customers.py" --count "$count" --seed 7 --dev "$shared/eval/dev.jsonl" \
    --sdn "$shared/lists/ofac/sdn-2024-07-02/sdn.csv" --out customers-$count.csv
echo "customers: $count, rounds: $rounds, load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# seconds of one command, whole
wall() { local t0 t1; t0=$(date +%s.%N); "$@" 2>"$out/last.err" >/dev/null; t1=$(date +%s.%N);
         awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}'; }
calc() { awk "BEGIN {print $1}"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A secs screen_secs
for r in $(seq "$rounds"); do
  for run in batch1 batch2 dask1 dask2 dask1d dask2d; do
    rm -rf "$run.d"
    case $run in
      batch1) cmd=("$bin" batch --in customers-$count.csv --out $run.jsonl --threads 1) ;;
      batch2) cmd=("$bin" batch --in customers-$count.csv --out $run.jsonl --threads 2) ;;
      dask1) cmd=($py -m partyscreen.dask --in customers-$count.csv --out $run.jsonl --workers 1 --blocksize "$blocksize") ;;
      dask2) cmd=($py -m partyscreen.dask --in customers-$count.csv --out $run.jsonl --workers 2 --blocksize "$blocksize") ;;
      dask1d|dask2d) cmd=($py -m partyscreen.dask --in customers-$count.csv --out-dir $run.d --workers "${run:4:1}" --blocksize "$blocksize") ;;
    esac
    s=$(wall "${cmd[@]}")
    secs[$run]+="$s "
    # dask's screening phase alone (the lists already loaded on every worker), from its report
    case $run in dask*) screen_secs[$run]+="$(grep -oE 'screening [0-9.]+ s' "$out/last.err" | grep -oE '[0-9.]+') " ;; esac
    echo "round $r $run: $s s; $(grep -E 'queries/s' "$out/last.err" | tail -1)"
    if [ -d "$run.d" ]; then cat "$run.d"/part-*.jsonl > "$run.jsonl"; fi
    if [ "$run" != batch1 ]; then
      cmp -s "$run.jsonl" batch1.jsonl || { echo "FAIL: $run.jsonl differs from batch1.jsonl"; exit 1; }
    fi
  done
done
echo "all result files identical to batch --threads 1"
declare -A med
for run in batch1 batch2 dask1 dask2 dask1d dask2d; do
  med[$run]=$(tr ' ' '\n' <<<"${secs[$run]}" | grep . | median)
  printf "%-7s median %7.2f s  %8.0f customers/s\n" "$run" "${med[$run]}" "$(calc "$count / ${med[$run]}")"
done
printf "dask 2 workers / 1 worker: %.2fx\n" "$(calc "${med[dask1]} / ${med[dask2]}")"
printf "dask 2 workers / 1 worker, --out-dir: %.2fx\n" "$(calc "${med[dask1d]} / ${med[dask2d]}")"
for run in dask1 dask2 dask1d dask2d; do
  med[s$run]=$(tr ' ' '\n' <<<"${screen_secs[$run]}" | grep . | median)
  printf "%-7s screening phase median %7.2f s  %8.0f customers/s\n" "$run" "${med[s$run]}" "$(calc "$count / ${med[s$run]}")"
done
printf "dask 2 workers / 1 worker, screening phase (lists loaded): %.2fx\n" "$(calc "${med[sdask1]} / ${med[sdask2]}")"
printf "dask 2 workers / 1 worker, screening phase, --out-dir: %.2fx\n" "$(calc "${med[sdask1d]} / ${med[sdask2d]}")"
printf "batch 2 threads / 1 thread: %.2fx\n" "$(calc "${med[batch1]} / ${med[batch2]}")"
printf "dask 1 worker vs batch 1 thread (time): %.2fx\n" "$(calc "${med[dask1]} / ${med[batch1]}")"
printf "dask 2 workers vs batch 2 threads (time): %.2fx\n" "$(calc "${med[dask2]} / ${med[batch2]}")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
