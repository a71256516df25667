#!/usr/bin/env bash
# The store benchmark of docs/BENCHMARKS_STORE.md: a synthetic register, a full re-screen against
# OFAC SDN 2021-07, the delta to SDN 2024-07-02 (run several times from copies of the same base,
# median reported), a full re-screen after it, and the checks that the delta's alerts equal the
# full pass's (column by column) and that the audit chain is intact.
#
#   tools/bench_store.sh [COUNT] [RUNS]        # defaults: 1000000 customers, 7 delta runs
#
# Environment: PARTYSCREEN (binary, default build/partyscreen), SHARED (default ../shared),
# OUT (work directory, default build/bench_store; needs ~2 GB for a million customers),
# THREADS (default 2). Uses python3, sqlite3 and GNU time (all in scripts/install-deps.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${PARTYSCREEN:-$root/build/partyscreen}")
shared=$(realpath "${SHARED:-$root/../shared}")
out=${OUT:-$root/build/bench_store}
count=${1:-1000000}
runs=${2:-7}
threads=${THREADS:-2}
old="ofac-csv:$shared/lists/ofac/sdn-2021-07"
new="ofac-csv:$shared/lists/ofac/sdn-2024-07-02"
mkdir -p "$out"
cd "$out"
rm -f bench.db* base.db* work.db* after-delta.db*
timed() { /usr/bin/time -f "$1 %e s, peak RSS %M KB" "${@:2}"; }

python3 "$root/tools/make_customers.py" --count "$count" --seed 7 --dev "$shared/eval/dev.jsonl" \
  --sdn "$shared/lists/ofac/sdn-2024-07-02/sdn.csv" --out customers.csv
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
timed import "$bin" customers import customers.csv --db bench.db
timed "full (SDN 2021-07)" "$bin" rescreen --all --list "$old" --db bench.db --threads "$threads" |
  grep "^full re-screen"
sqlite3 bench.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp bench.db base.db
cp bench.db.register-index base.db.register-index

for i in $(seq "$runs"); do
  rm -f work.db*
  cp base.db work.db
  cp base.db.register-index work.db.register-index
  sync  # the copies' writeback would otherwise slow the run's own writes and fsyncs
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  timed "delta run $i" "$bin" rescreen --since-snapshot "$old" --list "$new" --db work.db \
    --threads "$threads" --json >delta.json
  python3 - <<'EOF'
import json
d = json.load(open("delta.json"))
print("  timings", {k: round(v, 3) for k, v in d["timings"].items()}, "|", d["register_index"])
print("  searched", d["entities_searched"], "matches", d["matches_found"], "affected",
      d["customers_rescored"], "carried forward", d["customers_carried_forward"], "new alerts",
      len(d["new_alerts"]), "cleared", len(d["cleared_alerts"]))
EOF
done

sqlite3 work.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp work.db after-delta.db
timed "full (SDN 2024-07-02) after the delta" "$bin" rescreen --all --list "$new" --db work.db \
  --threads "$threads" | grep "^full re-screen"
columns="customer_id, entity_id, score, matched_name, state"
for pair in "d.alerts alerts" "alerts d.alerts"; do
  set -- $pair
  echo "alerts in $1 and not in $2 (must be 0): $(sqlite3 work.db "ATTACH 'after-delta.db' AS d;
    SELECT COUNT(*) FROM (SELECT $columns FROM $1 EXCEPT SELECT $columns FROM $2)")"
done
timed "audit verify" "$bin" audit verify --db work.db
