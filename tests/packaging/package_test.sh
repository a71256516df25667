#!/usr/bin/env bash
# Issue 15, operations: the Debian package built by CPack installs a partyscreen that works from
# wherever it is unpacked (its data beside it), its systemd unit passes `systemd-analyze verify`,
# and `serve` reads a config file with environment overrides.
#
#   tests/packaging/package_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The package: built from the build tree, with its dependencies computed and every part in it.
(cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack"; }
deb=$(ls "$tmp"/pkg/partyscreen_*.deb) || fail "no .deb in $tmp/pkg"
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for lib in libicu libsqlite3 libcurl; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
dpkg-deb --contents "$deb" >"$tmp/contents"
for f in ./usr/bin/partyscreen ./usr/share/partyscreen/default/PROVENANCE.md \
         ./usr/share/partyscreen/default/ofac-sdn/sdn.csv ./usr/lib/systemd/system/partyscreen.service \
         ./etc/partyscreen/serve.ini ./usr/share/man/man1/partyscreen.1; do
  grep -q " $f" "$tmp/contents" || fail "package lacks $f"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/partyscreen/serve.ini ||
  fail "serve.ini is not a conffile"

# 2. Unpacked anywhere, the binary screens against the snapshot it carries (not the source tree's).
dpkg-deb -x "$deb" "$tmp/root"
bin="$tmp/root/usr/bin/partyscreen"
env -u PARTYSCREEN_DATA_DIR "$bin" lists >"$tmp/lists.out" 2>&1 || { cat "$tmp/lists.out"; fail "lists"; }
grep -q "$tmp/root/usr/share/partyscreen/default" "$tmp/lists.out" ||
  { cat "$tmp/lists.out"; fail "the unpacked binary did not read its own data"; }
env -u PARTYSCREEN_DATA_DIR "$bin" screen "Hikvision" >"$tmp/screen.out" 2>&1 ||
  { cat "$tmp/screen.out"; fail "screen Hikvision"; }
grep -qi "hikvision" "$tmp/screen.out" || { cat "$tmp/screen.out"; fail "Hikvision not found"; }

# 3. The systemd unit, pointed at the unpacked binary.
sed "s|/usr/bin/partyscreen|$bin|" "$tmp/root/usr/lib/systemd/system/partyscreen.service" \
  >"$tmp/partyscreen.service"
systemd-analyze verify --man=no "$tmp/partyscreen.service" || fail "systemd-analyze verify"

# 4. serve --config: options from the file, one overridden by the environment.
cat >"$tmp/serve.ini" <<'INI'
listen = "127.0.0.1:0"
no-auth = true
max-body = 100000
threads = 2
INI
PARTYSCREEN_MAX_BODY=64 "$bin" serve --config "$tmp/serve.ini" 2>"$tmp/serve.err" &
server=$!
port=""
for _ in $(seq 600); do
  port=$(sed -n 's/.*serving on 127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/serve.err")
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/serve.err"; fail "serve exited"; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/serve.err"; fail "serve did not start"; }
grep -q "WARNING: --no-auth" "$tmp/serve.err" || fail "no-auth from the config file not applied"
ok=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "http://127.0.0.1:$port/screen" -d '{"name":"Hikvision"}')
[ "$ok" = 200 ] || fail "a 20-byte body got $ok"
big=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "http://127.0.0.1:$port/screen" \
  -d '{"name":"Hikvision Digital Technology Company Limited of Hangzhou, China"}')
[ "$big" = 413 ] || fail "PARTYSCREEN_MAX_BODY=64 did not override the file's max-body (got $big)"
echo "PASS"
