#!/usr/bin/env bash
# A/B of two versions of the Python package's Dask runner (docs/SCALE.md "Twenty-sixth session"):
# `python3 -m partyscreen.dask --out-dir` with 1 and 2 workers, the two versions alternated in
# every round on the same machine, each run's loading and screening phases as it reports them.
#
#   tools/dask_ab.sh OLD_PYDIR NEW_PYDIR CUSTOMERS.csv [ROUNDS]
#
# A PYDIR holds partyscreen/ (the package: __init__.py, dask.py, the _native module), e.g. a copy
# of build/python with another dask.py. CUSTOMERS: e.g. tools/make_customers.py --count 200000
# --seed 7 (as tools/bench_dask.sh makes it). Prints one line per run; compare medians. Exits 1,
# showing the run's errors, when a run fails, and when the two versions' results differ.
set -euo pipefail
old=$(realpath "${1:?usage: tools/dask_ab.sh OLD_PYDIR NEW_PYDIR CUSTOMERS.csv [ROUNDS]}")
new=$(realpath "${2:?usage}")
customers=$(realpath "${3:?usage}")
rounds=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for r in $(seq "$rounds"); do
  for w in 1 2; do
    for v in old new; do
      dir=$old
      [ $v = new ] && dir=$new
      t0=$(date +%s.%N)
      if ! PYTHONPATH=$dir /usr/bin/python3 -m partyscreen.dask --in "$customers" \
          --out-dir "$work/out.$v.$w" --workers $w --blocksize 1MB 2>"$work/err" >/dev/null; then
        echo "dask_ab.sh: round $r, $w worker(s), $v ($dir) failed:" >&2
        cat "$work/err" >&2
        exit 1
      fi
      t1=$(date +%s.%N)
      cat "$work/out.$v.$w"/part-*.jsonl > "$work/result.$v"
      rm -rf "$work/out.$v.$w"
      echo "r$r w$w $v whole $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')" \
        "$(grep -oE 'loading [0-9.]+ s, screening [0-9.]+ s' "$work/err")" \
        "load $(cut -d' ' -f1 /proc/loadavg)"
    done
    # Both versions must write the same results (parts in order), or the A/B compares nothing.
    cmp -s "$work/result.old" "$work/result.new" ||
      { echo "dask_ab.sh: round $r, $w worker(s): old and new results differ" >&2; exit 1; }
  done
done
