#!/usr/bin/env bash
# Soak test of `partyscreen serve` under hostile conditions (issue 12; docs/BENCHMARKS_SERVER.md):
# wrk at its default settings (2 threads, 10 connections) posting single-query POST /screen for
# DURATION, while SLOW connections trickle header lines (one every second, never finishing; a
# connection the server cuts off is reopened at once, so SLOW are always open) and the admin calls
# POST /admin/reload every RELOAD_EVERY seconds. A prober times GET /healthz every 0.5 s.
#
#   tools/soak.sh                      # 5 minutes
#   DURATION=60s tools/soak.sh         # shorter
#
# Environment (defaults in brackets): BIN [build/partyscreen], LISTS [as tools/load_test.sh],
# PORT [18124], DURATION [300s], SLOW [40], RELOAD_EVERY [10], PROBE_EVERY [0.5] seconds between
# /healthz probes, SERVE_ARGS [empty].
# Reports: wrk's summary with failed requests (socket errors + non-200), reload results, the
# /healthz latencies (max, and any probe that failed or took over 1 s), the slow connections the
# server cut off, and the server's RSS every 5 s (tools/load_test.sh's samples).
set -euo pipefail
cd "$(dirname "$0")/.."

export PORT=${PORT:-18124}
export DURATION=${DURATION:-300s}
export RELOAD_EVERY=${RELOAD_EVERY:-10}
export WRK_THREADS=2 CONNECTIONS=10  # wrk's defaults
SLOW=${SLOW:-40}
PROBE_EVERY=${PROBE_EVERY:-0.5}

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Slow clients: start once the server answers, keep SLOW connections trickling headers.
cat > "$work/slow.py" <<'PY'
import socket, sys, time
port, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def opened():
    while True:
        try:
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: soak\r\n")
            return s
        except OSError:  # the server is stopping at the end of the run
            time.sleep(1)
conns = [opened() for _ in range(count)]
cut, line = 0, 0
while True:
    time.sleep(1)
    line += 1
    for i, s in enumerate(conns):
        try:
            s.sendall(b"X-Slow-%d: 1\r\n" % line)
            s.setblocking(False)
            try:
                if s.recv(4096) == b"":
                    raise ConnectionError
            except BlockingIOError:
                pass
            s.setblocking(True)
        except (OSError, ConnectionError):
            cut += 1
            s.close()
            conns[i] = opened()
    with open(out, "w") as f:
        f.write("%d\n" % cut)
PY

( until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1; do sleep 0.5; done
  exec python3 "$work/slow.py" "$PORT" "$SLOW" "$work/slow_cut.txt" ) &
pids+=($!)
( until curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1; do sleep 0.5; done
  sleep 2
  while true; do
    # -w prints "000 <seconds> <curl exit code>" for a probe that failed.
    out=$(curl -s -o /dev/null --max-time 10 -w '%{http_code} %{time_total}' \
      "http://127.0.0.1:$PORT/healthz") && rc=0 || rc=$?
    echo "$out $rc $(date +%T)"
    sleep "$PROBE_EVERY"
  done ) > "$work/healthz.txt" &
pids+=($!)

tools/load_test.sh

echo "--- /healthz probes (every 0.5 s with $SLOW slow connections open)"
# The prober runs until this script ends, so its last probes find the server stopped by
# tools/load_test.sh: the trailing run of refused connections (curl exit 7) is counted apart, not
# as failures (a reset, exit 56, or a timeout there still is one).
awk '{code[NR] = $1; t[NR] = $2; rc[NR] = $3; at[NR] = $4}
  END {
    last = NR
    while (last > 0 && rc[last] == 7) last--
    for (i = 1; i <= last; i++) {
      if (code[i] != 200) bad++
      if (t[i] > 1) slow++
      if (t[i] > max) max = t[i]
    }
    printf "probes %d, failed %d, over 1 s %d, max %.3f s; refused after the server stopped: %d\n",
      last, bad, slow, max, NR - last
    for (i = 1; i <= last; i++)
      if (code[i] != 200 || t[i] > 1)
        print "  probe: code " code[i] ", " t[i] " s, curl exit " rc[i] " at " at[i]
  }' "$work/healthz.txt"
echo "--- slow connections cut off by the server (and reopened): $(cat "$work/slow_cut.txt" 2>/dev/null || echo 0)"
