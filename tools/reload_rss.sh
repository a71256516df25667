#!/usr/bin/env bash
# RSS of `partyscreen serve` across reloads (issue 12, docs/BENCHMARKS_SERVER.md section 4): starts
# the server, optionally keeps wrk posting /screen, calls POST /admin/reload RELOADS times one after
# the other (each waits for the previous to finish, then SETTLE seconds), and prints the server's
# RSS trough (lowest of the samples every 0.2 s) in the SETTLE window after each reload.
#
#   tools/reload_rss.sh                         # 20 reloads under wrk (2 threads, 10 connections)
#   LOAD=0 tools/reload_rss.sh                  # reloads only, no requests
#   ENV="GLIBC_TUNABLES=glibc.malloc.arena_max=2" tools/reload_rss.sh   # environment of the server
#
# Environment (defaults in brackets): BIN [build/partyscreen], LISTS [OFAC SDN 2024-07-02],
# PORT [18131], RELOADS [20], SETTLE [6] seconds, LOAD [1], SERVER_THREADS [8], ENV [empty],
# SERVE_ARGS [empty].
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-build/partyscreen}
LISTS=${LISTS-"ofac-csv:../shared/lists/ofac/sdn-2024-07-02"}
PORT=${PORT:-18131}
RELOADS=${RELOADS:-20}
SETTLE=${SETTLE:-6}
LOAD=${LOAD:-1}
SERVER_THREADS=${SERVER_THREADS:-8}
ENV=${ENV:-}
SERVE_ARGS=${SERVE_ARGS:-}

work=$(mktemp -d)
user_key="rss-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
admin_key="admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf 'rss:%s\nadmin:ops:%s\n' "$user_key" "$admin_key" > "$work/keys"
args=()
for l in $LISTS; do args+=(--list "$l"); done
# shellcheck disable=SC2206  # word splitting of SERVE_ARGS is intended
args+=($SERVE_ARGS)

# shellcheck disable=SC2086  # ENV is a list of VAR=value words
env $ENV "$BIN" serve --listen "127.0.0.1:$PORT" "${args[@]}" --threads "$SERVER_THREADS" \
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
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server_pid/status"; }
echo "server ready, RSS $(rss) MiB; reloads $RELOADS, settle $SETTLE s, load $LOAD, env '$ENV'"

if [ "$LOAD" != 0 ]; then
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
  local body = '{"id":"' .. i .. '","name":"' .. names[(i % #names) + 1] .. '"}'
  return wrk.format(nil, "/screen", nil, body)
end
LUA
  wrk -t 2 -c 10 -d 3600s --timeout 10s -s "$work/screen.lua" "http://127.0.0.1:$PORT/screen" \
    > "$work/wrk.txt" 2>&1 &
  pids+=($!)
  sleep "$SETTLE"
fi
trough() {  # lowest RSS over $1 seconds, sampled every 0.2 s
  local low=999999 r
  for _ in $(seq 1 $(($1 * 5))); do
    r=$(rss)
    [ "$r" -lt "$low" ] && low=$r
    sleep 0.2
  done
  echo "$low"
}
echo "before the first reload: trough $(trough "$SETTLE") MiB"
troughs=()
for i in $(seq 1 "$RELOADS"); do
  code=$(curl -s --max-time 300 -o /dev/null -w '%{http_code}' -X POST -d '' \
    -H "X-API-Key: $admin_key" "http://127.0.0.1:$PORT/admin/reload")
  t=$(trough "$SETTLE")
  troughs+=("$t")
  echo "reload $i: $code, trough $t MiB"
done
echo "troughs (MiB): ${troughs[*]}"
echo "drift from reload 1 to $RELOADS: $((troughs[RELOADS - 1] - troughs[0])) MiB"
