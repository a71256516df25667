#!/usr/bin/env bash
# Opt-in CI step: the concurrency tests under ThreadSanitizer (docs/HARDENING.md, "ThreadSanitizer").
# Builds only their test binaries into build-tsan (RelWithDebInfo, -fsanitize=thread, warnings as
# errors; the same configuration as tools/sanitize.sh tsan) and runs them with tools/tsan.supp.
# Any report fails the step, including one from a child process (reports go to files).
#
#   scripts/test-tsan.sh          the subset sized for CI (about 10 min build + 6 min run, 2 cores)
#   scripts/test-tsan.sh --full   also the slow ones: the reload under load (ServerReload.
#                                 ConcurrentReloadUnderLoad..., ~11 min alone), the server
#                                 hardening tests (~9 min), the match tests (~5 min)
set -euo pipefail
cd "$(dirname "$0")/.."
full=0
[ "${1:-}" = --full ] && full=1
dir=build-tsan
# binary (relative to $dir/tests) and gtest filter
tests=(
  "core/core_parallel_test:*"
  "translit/translit_nfkc_test:*"
  "translit/translit_transliterate_test:*"
  "match/match_index_cache_test:*"
  "store/store_audit_journal_test:*"
  "store/store_audit_test:*"
  "store/store_rescreen_test:*"
  "store/store_workbench_store_test:*"
  "store/store_heartbeats_test:*"
  "store/store_alert_events_test:*"
  "notify/notify_deliverer_test:*"
  "server/server_auth_test:*"
  "server/server_record_surfaces_test:*"
  "server/server_list_updates_test:*"
  "server/server_server_test:-ServerReload.ConcurrentReloadUnderLoadLosesNoRequestAndStaysConsistent"
)
if [ $full = 1 ]; then
  tests+=(
    "server/server_server_test:ServerReload.ConcurrentReloadUnderLoadLosesNoRequestAndStaysConsistent"
    "server/server_hardening_test:*"
    "store/store_customers_test:*"
    "match/match_screener_test:*"
    "match/match_query_index_test:*"
  )
fi
targets=$(for t in "${tests[@]}"; do basename "${t%%:*}"; done | sort -u)

start=$(date +%s)
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARTYSCREEN_WERROR=ON \
  -DPARTYSCREEN_BENCH=OFF -DPARTYSCREEN_SANITIZE_THREAD=ON >/dev/null
# shellcheck disable=SC2086
ninja -C "$dir" -j"$(nproc)" $targets
built=$(date +%s)

reports=$PWD/$dir/tsan-reports
rm -rf "$reports" && mkdir -p "$reports"
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tools/tsan.supp:log_path=$reports/report
failed=()
for t in "${tests[@]}"; do
  bin=${t%%:*}
  filter=${t#*:}
  t0=$(date +%s)
  # The tests read data/ and ../shared relative to the source tree, as under ctest.
  if ! "$dir/tests/$bin" --gtest_filter="$filter" --gtest_brief=1; then
    failed+=("$bin")
  fi
  echo "test-tsan: $bin ($filter): $(($(date +%s) - t0)) s"
done
if [ -n "$(ls -A "$reports")" ]; then
  cat "$reports"/* >&2
  failed+=("ThreadSanitizer reports in $reports")
fi
echo "test-tsan: build $((built - start)) s, tests $(($(date +%s) - built)) s"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'test-tsan: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
