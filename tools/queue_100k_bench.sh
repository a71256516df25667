#!/usr/bin/env bash
# Server CPU time per page of the workbench queue (/ui/) at 100k alerts (docs/WORKBENCH.md).
# Usage: tools/queue_100k_bench.sh [PARTYSCREEN_BINARY] [REQUESTS_PER_PAGE]
# Builds a real database (customers import, users add, rescreen --all on the bundled snapshot),
# adds 100,000 synthetic customers and alerts (90,000 open) with sqlite3, starts `serve --db`,
# logs in with curl and requests each page REQUESTS_PER_PAGE times (default 10). Prints, per page,
# the CPU time of the serve process (utime + stime from /proc, so the figure depends little on the
# machine's load) and the median wall time. A binary of an older schema (before migration 8) runs
# the same pages; the keyset page then shows its first page (it ignores `after`).
set -euo pipefail
bin=$(realpath "${1:-build/partyscreen}")
n=${2:-10}
dir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
db=$dir/wb.db
printf 'id,name,schema,country\nc-hik,Hangzhou Hikvision Digital Technology Co. Ltd,Organization,CN\nc-hua,Huawei Technologies Co. Ltd,Organization,CN\n' >"$dir/c.csv"
"$bin" customers import "$dir/c.csv" --db "$db" >/dev/null 2>&1
echo 'alice-password-1' | "$bin" users add alice --role analyst --db "$db" >/dev/null 2>&1
"$bin" rescreen --all --db "$db" >/dev/null 2>&1
sqlite3 "$db" <<'SQL'
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100000)
INSERT INTO customers (id, name, schema, country, birth_date, identifiers, content_hash,
                       updated_at, revision)
  SELECT printf('c%07d', i), printf('Customer %d Trading Co', i), 'Organization', '', '', '[]',
         'h', '2026-11-01T00:00:00.000Z', 0 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 100000)
INSERT INTO alerts (customer_id, entity_id, score, matched_name, state, snapshot)
  SELECT printf('c%07d', i),
         printf('%s:%d', CASE i % 3 WHEN 0 THEN 'csl' WHEN 1 THEN 'ofac' ELSE 'un' END, i % 5000),
         0.8 + ((i * 7919) % 2000) / 10000.0, 'x',
         CASE WHEN i % 10 = 0 THEN 'suppressed' ELSE 'open' END, 'h' FROM n;
INSERT INTO alert_events (seq, id, at, kind, customer_id, customer_name, entity_id, entity_name,
                          matched_name, list, score, state, snapshot, run_id, reason)
  SELECT 1000 + rowid, 'ev' || rowid, '2026-11-01T00:00:00Z', 'new', customer_id, '', entity_id,
         '', '', '', score, state, '', '', '' FROM alerts WHERE customer_id LIKE 'c0%';
INSERT INTO alert_work SELECT customer_id, entity_id, 'alice', 0, '', '', '', '' FROM alerts
  WHERE customer_id LIKE 'c0%' AND rowid % 50 = 0;
COMMIT;
ANALYZE;
SQL
# The cursor of the 44,950th open alert by score (the row before page 900 at 50 a page).
cursor=$(sqlite3 "$db" "SELECT '[' || printf('%.17g', score) || ',\"' || customer_id || '\",\"' ||
  entity_id || '\"]' FROM alerts WHERE state IN ('open', 'reopened')
  ORDER BY score DESC, customer_id, entity_id LIMIT 1 OFFSET 44949")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "$db" --no-auth --listen "127.0.0.1:$port" >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
base=http://127.0.0.1:$port
jar=$dir/jar
token=$(curl -s -c "$jar" "$base/ui/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$token" \
  --data-urlencode user=alice --data-urlencode password=alice-password-1 "$base/ui/login"
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
printf '%-52s %12s %10s %s\n' page 'cpu ms/page' 'wall s' 'alerts matching'
for path in '/ui/' '/ui/?sort=customer&dir=asc' '/ui/?sort=age' '/ui/?list=csl&min=0.9' \
  '/ui/?page=900' "/ui/?after=$(enc "$cursor")" '/ui/?q=customer+4711+' '/ui/?q=4711' \
  '/ui/?q=trading' '/ui/?q=47' '/ui/?q=trading&dir=asc' '/ui/?q=7' '/ui/?q=zq' \
  '/ui/?q=trading&sort=customer' '/ui/?programme=SDGT' '/ui/?programme=EL'; do
  curl -s -b "$jar" -o "$dir/page.html" "$base$path"  # warm
  grep -q 'id="queue"' "$dir/page.html" || { echo "not a queue page: $path" >&2; exit 1; }
  matching=$(sed -n 's/.*<p[^>]*>\(\(more than \)\?[0-9]*\) alert(s) match.*/\1/p' "$dir/page.html")
  before=$(ticks)
  walls=()
  for _ in $(seq "$n"); do walls+=("$(curl -s -b "$jar" -o /dev/null -w '%{time_total}' "$base$path")"); done
  after=$(ticks)
  median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((n + 1) / 2))p")
  label=$path
  [ "${path#/ui/?after=}" != "$path" ] && label='/ui/?after=<cursor of row 44,950>'
  printf '%-52s %12.1f %10s %s\n' "$label" "$(echo "($after - $before) * 1000 / $hz / $n" | bc -l)" \
    "$median" "$matching"
done
