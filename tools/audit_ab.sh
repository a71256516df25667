#!/usr/bin/env bash
# A/B of `serve --db` throughput (docs/BENCHMARKS_SERVER.md §3): two binaries alternately, twice,
# each under tools/load_test.sh with its own fresh audit database; prints requests/s, latency, errors
# and the audit rows written (>= requests answered when the audit is durable).
#   tools/audit_ab.sh OLD_BIN NEW_BIN        # DURATION [20s], CONNECTIONS [8], SERVER_THREADS [8],
#                                            # ROUNDS [2]
# An audit journal left behind (a binary with a journal that could not commit at its stop) is
# reported and removed with the database.
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1; new=$2
port=18400
for round in $(seq 1 "${ROUNDS:-2}"); do
  for which in old new; do
    bin=$old; [ "$which" = new ] && bin=$new
    db=$(mktemp -u /tmp/audit_ab.XXXXXX.db)
    port=$((port + 1))  # a port of its own: the previous server may still be stopping
    out=$(BIN=$bin DB=$db DURATION=${DURATION:-20s} PORT=$port \
      tools/load_test.sh 2>&1)
    rows=$(python3 -c "import sqlite3; print(sqlite3.connect('$db').execute('SELECT COUNT(*) FROM audit').fetchone()[0])")
    echo "round $round $which: $(echo "$out" | awk '/Requests\/sec/ {print $2}') requests/s;" \
      "$(echo "$out" | grep '^p50'); $(echo "$out" | grep '^requests'); audit rows $rows"
    if [ -e "$db-audit-journal" ]; then echo "  (audit journal left behind: $db-audit-journal)"; fi
    rm -f "$db" "$db-wal" "$db-shm" "$db-audit-journal"
  done
done
