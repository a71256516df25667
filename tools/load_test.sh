#!/usr/bin/env bash
# Load test of `partyscreen serve` with wrk on loopback (docs/BENCHMARKS_SERVER.md has results).
#
#   tools/load_test.sh                       # 60 s of single-query POST /screen
#   RELOAD_EVERY=10 DURATION=300s tools/load_test.sh   # 5 min with POST /admin/reload every 10 s
#
# Environment (defaults in brackets):
#   BIN [build/partyscreen]   LISTS ["ofac-csv:../shared/lists/ofac/sdn-2024-07-02"] (space-separated
#   --list specs; empty string = bundled default snapshot)   PORT [18123]   DURATION [60s]
#   WRK_THREADS [1]   CONNECTIONS [8]   SERVER_THREADS [8]   RELOAD_EVERY [0 = never, else seconds]
#   RSS_EVERY [5] seconds between RSS samples of the server (/proc/PID/status VmRSS)
#   EXPLAIN [false] whether queries ask for explanations
#   DB [empty] audit trail database for `serve --db` (empty: no audit)
#   SERVE_ARGS [empty] further `serve` flags, e.g. "--max-connections 256"
# The server runs with a throw-away key file and no rate limit. Prints wrk's report (with latency
# percentiles), the count of non-200 answers, the reload results and the RSS samples.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-build/partyscreen}
LISTS=${LISTS-"ofac-csv:../shared/lists/ofac/sdn-2024-07-02"}
PORT=${PORT:-18123}
DURATION=${DURATION:-60s}
WRK_THREADS=${WRK_THREADS:-1}
CONNECTIONS=${CONNECTIONS:-8}
SERVER_THREADS=${SERVER_THREADS:-8}
RELOAD_EVERY=${RELOAD_EVERY:-0}
RSS_EVERY=${RSS_EVERY:-5}
EXPLAIN=${EXPLAIN:-false}
DB=${DB:-}
SERVE_ARGS=${SERVE_ARGS:-}

work=$(mktemp -d)
user_key="load-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
admin_key="admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf 'loadtest:%s\nadmin:ops:%s\n' "$user_key" "$admin_key" > "$work/keys"

list_args=()
for l in $LISTS; do list_args+=(--list "$l"); done
if [ -n "$DB" ]; then list_args+=(--db "$DB"); fi
# shellcheck disable=SC2206  # word splitting of SERVE_ARGS is intended
list_args+=($SERVE_ARGS)

"$BIN" serve --listen "127.0.0.1:$PORT" "${list_args[@]}" --threads "$SERVER_THREADS" \
  --api-keys "$work/keys" --rate-limit 0 > "$work/server.log" 2>&1 &
server_pid=$!
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done
echo "server ready: $(curl -s "http://127.0.0.1:$PORT/readyz")"
engine=$(curl -s -H "X-API-Key: $user_key" "http://127.0.0.1:$PORT/lists" |
  python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["engine_version"], j["entities"], "entities")')
echo "engine: $engine; wrk: $WRK_THREADS threads, $CONNECTIONS connections, $DURATION; server threads: $SERVER_THREADS"

# Names cycle: listed parties, near misses and ordinary customers (mostly no hit, as in production).
cat > "$work/screen.lua" <<LUA
local names = {"Nicolas Maduro Moros", "Banco Nacional de Cuba", "Acme Widgets Ltd",
  "John Smith", "Islamic Revolutionary Guard Corps", "Maria Gonzalez", "Rosneft Oil Company",
  "Hans Mueller GmbH", "Kim Jong Un", "Shenzhen Precision Tools Co"}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $user_key"
request = function()
  i = i + 1
  local body = '{"id":"' .. i .. '","name":"' .. names[(i % #names) + 1] .. '","explain":$EXPLAIN}'
  return wrk.format(nil, "/screen", nil, body)
end
local non200 = 0
response = function(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
  io.write(string.format("requests %d, socket errors: connect %d read %d write %d timeout %d, status errors %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
LUA

rss() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }
( while kill -0 "$server_pid" 2>/dev/null; do echo "$(date +%s) $(rss)"; sleep "$RSS_EVERY"; done ) \
  > "$work/rss.txt" &
pids+=($!)
if [ "$RELOAD_EVERY" != 0 ]; then
  ( while sleep "$RELOAD_EVERY"; do
      curl -s --max-time 120 -o /dev/null -w '%{http_code} %{time_total}\n' -X POST -d '' \
        -H "X-API-Key: $admin_key" "http://127.0.0.1:$PORT/admin/reload"
    done ) > "$work/reloads.txt" &
  pids+=($!)
fi

wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 10s --latency -s "$work/screen.lua" \
  "http://127.0.0.1:$PORT/screen"

echo "--- server metrics"
curl -s --max-time 30 -H "X-API-Key: $user_key" "http://127.0.0.1:$PORT/metrics" |
  grep -E '^partyscreen_(http_requests_total|snapshot_reloads_total|snapshot_generation|hits_total)'
if [ "$RELOAD_EVERY" != 0 ]; then
  echo "--- reloads (status, seconds): $(wc -l < "$work/reloads.txt") done"
  sort "$work/reloads.txt" | awk '{n[$1]++; t+=$2} END {for (c in n) print c, n[c]; if (NR) printf "mean %.2f s\n", t/NR}'
fi
echo "--- RSS samples (unix time, KiB)"
cat "$work/rss.txt"
awk 'NR==1 {first=$2} {last=$2; if ($2>max) max=$2; if (min==""||$2<min) min=$2}
  END {printf "RSS first %d KiB, last %d KiB, min %d KiB, max %d KiB\n", first, last, min, max}' "$work/rss.txt"
