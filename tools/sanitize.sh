#!/usr/bin/env bash
# The test suite under a sanitizer (issue 12): AddressSanitizer + UndefinedBehaviorSanitizer, or
# ThreadSanitizer. Builds into build-asan / build-tsan (RelWithDebInfo, warnings as errors) and
# runs ctest there; any sanitizer report fails the test that triggered it (and, tsan, the run).
# The whole suite under TSan takes hours on 2 cores; scripts/test-tsan.sh runs the concurrency
# tests only (docs/HARDENING.md, "ThreadSanitizer").
#
#   tools/sanitize.sh asan|tsan [ctest arguments, e.g. -L server]
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: tools/sanitize.sh asan|tsan [ctest args]}
shift
case "$kind" in
  asan) flag=-DPARTYSCREEN_SANITIZE=ON ;;
  tsan) flag=-DPARTYSCREEN_SANITIZE_THREAD=ON ;;
  *) echo "usage: tools/sanitize.sh asan|tsan [ctest args]" >&2; exit 2 ;;
esac
dir=build-$kind
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARTYSCREEN_WERROR=ON \
  -DPARTYSCREEN_BENCH=OFF "$flag" >/dev/null
cmake --build "$dir" -j"$(nproc)"
# halt_on_error: a report is a failure, not a log line. Leak checking stays on (asan default).
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# TSan: tools/tsan.supp names the uninstrumented libraries whose synchronisation it cannot see
# (TBB); each report also goes to build-tsan/tsan-reports/, so that one from a child process (a
# test running the built binary with its stderr dropped) still fails the run.
reports=$PWD/$dir/tsan-reports
rm -rf "$reports" && mkdir -p "$reports"
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tools/tsan.supp:log_path=$reports/report
status=0
(cd "$dir" && ctest --output-on-failure -j"$(nproc)" --timeout 900 "$@") || status=$?
if [ "$kind" = tsan ] && [ -n "$(ls -A "$reports")" ]; then
  cat "$reports"/* >&2
  echo "sanitize.sh: ThreadSanitizer reports above (files in $reports)" >&2
  status=1
fi
exit $status
