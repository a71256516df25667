#!/usr/bin/env bash
# The issue-12 attacks on the HTTP server, run against one binary (docs/BENCHMARKS_SERVER.md §3):
#   tools/server_attacks.sh BIN PORT
# Starts `BIN serve` on 127.0.0.1:PORT with the OFAC SDN of 2024-07-02 and a throw-away key file,
# then: /healthz timed with 17 and 40 connections trickling header lines; 200 x 1 MiB chunked
# POST bodies without and with a key (the server's RSS before/after, peak = VmHWM);
# ?threshold=nan; 1e400 in a body; a 9 KB form-encoded body; keys with %00 and %20 appended; a
# second server on the same port; expensive batches (threshold 0, 1000- and 300-character names)
# and SIGTERM 8 s into them. Needs curl, python3, bc.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=$1; PORT=$2
LIST=ofac-csv:../shared/lists/ofac/sdn-2024-07-02
K=alice-0123456789abcdef
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'alice:%s\nadmin:ops:ops-0123456789abcdef00\n' "$K" > "$work/keys"
cat > "$work/slowloris.py" <<'PY'
# usage: slowloris.py PORT N : opens N connections trickling header lines (one per second), then
# times 5 GET /healthz (timeout 5 s each) and prints the results.
import socket, sys, threading, time, http.client
port, n = int(sys.argv[1]), int(sys.argv[2])
conns = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n"); conns.append(s)
stop = False
def trickle():
    i = 0
    while not stop:
        time.sleep(1); i += 1
        for s in conns:
            try: s.sendall(b"X-%d: 1\r\n" % i)
            except OSError: pass
t = threading.Thread(target=trickle); t.start()
time.sleep(1)
res = []
for _ in range(5):
    t0 = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5); c.request("GET", "/healthz"); r = c.getresponse(); r.read()
        res.append("%d in %.3f s" % (r.status, time.time() - t0))
    except Exception as e:
        res.append("FAIL (%s) after %.1f s" % (type(e).__name__, time.time() - t0))
    time.sleep(0.5)
stop = True; t.join()
print("%d slow connections: healthz %s" % (n, "; ".join(res)))
PY
cat > "$work/chunked.py" <<'PY'
# usage: chunked.py PORT PID [KEY]: POST /screen with 200 x 1 MiB chunks; prints what was sent, the
# answer and the server's peak RSS (VmHWM) after.
import socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
key = sys.argv[3] if len(sys.argv) > 3 else None
def rss():
    d = dict(l.split(":", 1) for l in open("/proc/%s/status" % pid))
    return d["VmRSS"].strip(), d["VmHWM"].strip()
before = rss()
s = socket.create_connection(("127.0.0.1", port)); s.settimeout(30)
hdr = b"POST /screen HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
if key: hdr += b"Authorization: Bearer " + key.encode() + b"\r\n"
s.sendall(hdr + b"\r\n")
chunk = b"100000\r\n" + b"a" * (1 << 20) + b"\r\n"
sent = 0
t0 = time.time()
try:
    for _ in range(200): s.sendall(chunk); sent += 1
    s.sendall(b"0\r\n\r\n")
except OSError as e: err = e
answer = b""
try:
    while True:
        b = s.recv(65536)
        if not b: break
        answer += b
except OSError: pass
print("key" if key else "no key", "- sent %d MiB in %.1f s, answer: %s; server RSS before %s (peak %s), after %s (peak %s)" % (
    sent, time.time() - t0, answer.split(b"\r\n")[0].decode(errors="replace"), before[0], before[1], *rss()))
PY
"$BIN" serve --listen 127.0.0.1:$PORT --list $LIST --api-keys "$work/keys" > "$work/server.log" 2>&1 &
pid=$!
for i in $(seq 120); do curl -sf localhost:$PORT/healthz >/dev/null && break; sleep 0.5; done
echo "== $BIN (pid $pid)"
python3 "$work/slowloris.py" $PORT 17
python3 "$work/slowloris.py" $PORT 40
sleep 12  # let the slow connections go
python3 "$work/chunked.py" $PORT $pid
python3 "$work/chunked.py" $PORT $pid $K
echo "threshold=nan: $(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $K" -d '{"queries":{"q":{"schema":"LegalEntity","properties":{"name":["Banco Nacional"]}}}}' "localhost:$PORT/match/default?threshold=nan")"
echo "1e400: $(curl -s -w ' %{http_code}' -H "X-API-Key: $K" -H 'Content-Type: application/json' -d '{"name":"Banco","threshold":1e400}' localhost:$PORT/screen)"
form="name=$(head -c 9000 /dev/zero | tr '\0' a)"
echo "form 9 KB: $(curl -s -w ' %{http_code}' -H "X-API-Key: $K" -H 'Content-Type: application/x-www-form-urlencoded' --data-raw "$form" localhost:$PORT/screen | tail -c 120)"
for suffix in %00 %20; do
  echo "key$suffix: $(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $K$suffix" -d '{"name":"Banco"}' localhost:$PORT/screen)"
done
"$BIN" serve --listen 127.0.0.1:$PORT --list $LIST --api-keys "$work/keys" > "$work/second.log" 2>&1 &
second=$!
sleep 8
if kill -0 $second 2>/dev/null; then echo "second serve on :$PORT: STARTED (still running after 8 s)"; kill $second; wait $second 2>/dev/null
else wait $second; echo "second serve on :$PORT: exit $? - $(grep -i error "$work/second.log" | head -1)"; fi
# expensive: 100 names of 1000 characters (or the cap) at threshold 0, then SIGTERM after 5 s
python3 - "$PORT" <<'PY' &
import json, sys, time, urllib.request
port = int(sys.argv[1])
name = ("BANCO NACIONAL ALI MOHAMMED TRADING COMPANY IRAN SHIPPING HASSAN LIMITED " * 14)[:1000].strip()
for n, nm in ((1, name), (100, name), (100, name[:300].strip())):
    body = {"threshold": 0, "queries": [{"name": nm} for _ in range(n)]}
    req = urllib.request.Request("http://127.0.0.1:%d/screen" % port, data=json.dumps(body).encode(),
        headers={"X-API-Key": "alice-0123456789abcdef", "Content-Type": "application/json"})
    t = time.time()
    try:
        with urllib.request.urlopen(req, timeout=600) as r: code, out = r.status, r.read()
    except urllib.error.HTTPError as e: code, out = e.code, e.read()
    except Exception as e: code, out = type(e).__name__, b""
    print("  %d x %d-char names, threshold 0: %s in %.2f s %s" % (n, len(nm), code, time.time() - t, out[:110]), flush=True)
PY
client=$!
sleep 8
t0=$(date +%s.%N); kill -TERM $pid
while kill -0 $pid 2>/dev/null && [ "$(echo "$(date +%s.%N) - $t0 > 60" | bc)" = 0 ]; do sleep 0.1; done
if kill -0 $pid 2>/dev/null; then echo "SIGTERM: still running after 60 s"; kill -9 $pid; else echo "SIGTERM: exited after $(echo "$(date +%s.%N) - $t0" | bc) s"; fi
kill $client 2>/dev/null; wait 2>/dev/null
