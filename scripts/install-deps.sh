#!/usr/bin/env bash
# Installs the Debian packages partyscreen needs. The one list of dependencies: README.md and
# .ci/run both call this script.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  g++ cmake ninja-build pkg-config clang clang-format \
  libicu-dev libopencc-dev nlohmann-json3-dev libpugixml-dev libsqlite3-dev libcpp-httplib-dev \
  libcli11-dev libfmt-dev libtbb-dev libzip-dev zlib1g-dev libssl-dev libpq-dev libcurl4-openssl-dev \
  libsodium-dev libgtest-dev libgmock-dev libbenchmark-dev \
  postgresql wrk curl python3 python3-fake-factory wamerican sqlite3 time \
  help2man dpkg-dev systemd nodejs chromium \
  pybind11-dev python3-dev python3-dask python3-distributed python3-pandas >/dev/null

# The OpenAPI validator the server_openapi_lint test runs (tools/openapi, pinned by its
# package-lock.json; about 20 s). Without the npm registry the test is skipped, not failed.
if command -v npm >/dev/null; then
  (cd "$(dirname "$0")/../tools/openapi" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
    echo "install-deps: npm ci in tools/openapi failed; server_openapi_lint will be skipped" >&2
fi
# The workbench browser test (tests/ui: puppeteer-core drives the chromium installed above and
# downloads no browser; pinned by its package-lock.json). Without it the ui test is skipped.
if command -v npm >/dev/null; then
  (cd "$(dirname "$0")/../tests/ui" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
    echo "install-deps: npm ci in tests/ui failed; the ui browser test will be skipped" >&2
fi
