#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang in build-fuzz/ and runs each for N seconds.
#
#   tools/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     e.g. tools/fuzz.sh 180 fuzz_uk_hmt_csv
#
# Seed corpora are made in build-fuzz/corpus/<target>/ from the first few KB of the real list files
# (PARTYSCREEN_SHARED_DIR, default ../shared) plus the small committed seeds in fuzz/seeds/; nothing
# is downloaded. Two targets run at a time (FUZZ_PARALLEL, default 2: the machine has 2 cores).
# Crashes land in build-fuzz/artifacts/; each run's log (with libFuzzer's final stats) in
# build-fuzz/logs/<target>.log, and a one-line summary per target is printed at the end. Exits 1
# when this run left a new artifact (a crash, a sanitizer report, a leak or a timeout), so that
# `.ci/run` can use a short run as its sanitizer job.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${PARTYSCREEN_FUZZ_BUILD:-$root/build-fuzz}
shared=${PARTYSCREEN_SHARED_DIR:-$root/../shared}
lists=$shared/lists
seconds=${1:-60}
shift || true
parallel=${FUZZ_PARALLEL:-2}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPARTYSCREEN_FUZZ=ON -DPARTYSCREEN_TESTS=OFF -DPARTYSCREEN_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" >/dev/null
ninja -C "$build" -j2 fuzz

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_ofac_csv fuzz_ofac_cons_csv fuzz_ofac_xml fuzz_ofac_enhanced_xml fuzz_csl_csv fuzz_csl_json
           fuzz_bis_dpl fuzz_un_xml fuzz_uk_hmt_csv fuzz_uk_ofsi_xlsx fuzz_uk_sl_xml fuzz_ftm_json fuzz_custom_csv
           fuzz_csv_reader fuzz_input fuzz_names fuzz_index_file fuzz_snapshot_file)
fi

# --- seed corpora --- (head closes its pipes early: no pipefail here)
set +o pipefail
corpus=$build/corpus
mkdir -p "$corpus" "$build/artifacts" "$build/logs"
seed() {  # seed TARGET NAME < bytes
  mkdir -p "$corpus/$1"
  cat >"$corpus/$1/$2"
}
head_of() { head -c "$2" "$1"; }

head_of "$lists/ofac/sdn-2021-07/sdn.csv" 4096 | seed fuzz_ofac_csv sdn_head
head_of "$lists/ofac/sdn-2024-07-02/sdn.csv" 4096 | seed fuzz_ofac_csv sdn2024_head
head_of "$lists/ofac/nonsdn-2025-12/cons_prim.csv" 4096 | seed fuzz_ofac_cons_csv cons_prim_head
cp "$lists/ofac/sdn-xml-excerpt-2019-03/sdn.xml.zip" "$corpus/fuzz_ofac_xml/" 2>/dev/null ||
  { mkdir -p "$corpus/fuzz_ofac_xml" && cp "$lists/ofac/sdn-xml-excerpt-2019-03/sdn.xml.zip" "$corpus/fuzz_ofac_xml/"; }
unzip -p "$lists/ofac/sdn-xml-excerpt-2019-03/sdn.xml.zip" | seed fuzz_ofac_xml sdn.xml
unzip -p "$lists/ofac/nonsdn-enhanced-2025-01/CONS_ENHANCED.ZIP" | head -c 16384 | seed fuzz_ofac_enhanced_xml cons_head
zcat "$lists/csl/csl-2022-04/consolidated.csv.gz" | head -c 8192 | seed fuzz_csl_csv csl2022_head
head_of "$lists/csl/csl-2023-11-excerpt/csl.csv" 8192 | seed fuzz_csl_csv csl2023_head
head_of "$lists/bis/dpl-2023-11/dpl.txt" 4096 | seed fuzz_bis_dpl dpl_head
head_of "$lists/un/UN_consolidated.xml" 8192 | seed fuzz_un_xml un_head
head_of "$lists/uk/hmt-2018-04/sanctionsconlist.csv" 6144 | seed fuzz_uk_hmt_csv hmt_head
seed fuzz_uk_sl_xml uksl_sample < "$root/tests/lists/data/uk_sanctions_list_sample.xml"
head -n 3 "$lists/opensanctions/yente-zala/entities.ftm.json" | seed fuzz_ftm_json zala_head
cp "$lists/opensanctions/yente-t1/entities.ftm.json" "$corpus/fuzz_ftm_json/t1"
cp "$root/data/examples/custom_list.csv" "$corpus/fuzz_custom_csv/" 2>/dev/null ||
  { mkdir -p "$corpus/fuzz_custom_csv" && cp "$root/data/examples/custom_list.csv" "$corpus/fuzz_custom_csv/"; }
{ printf '\x02'; head_of "$lists/ofac/sdn-2021-07/sdn.csv" 2048; } | seed fuzz_csv_reader ofac_nulls
{ printf '\x01'; head_of "$lists/bis/dpl-2023-11/dpl.txt" 2048; } | seed fuzz_csv_reader tsv
{ printf '\x00'; head_of "$lists/uk/hmt-2018-04/sanctionsconlist.csv" 2048; } | seed fuzz_csv_reader hmt
head_of "$lists/csl/csl-2022-04/consolidated.csv.gz" 4096 | seed fuzz_input csl_gz_head
head_of "$lists/un/UN_consolidated.xml" 2048 | gzip -c | seed fuzz_input small_gz
cp "$lists/ofac/sdn-xml-excerpt-2019-03/sdn.xml.zip" "$corpus/fuzz_input/"
# Name pairs in every script of the cross-script development set, "query<TAB>listed".
mkdir -p "$corpus/fuzz_names"
python3 - "$shared/eval/xscript_pairs_dev.jsonl" "$corpus/fuzz_names" <<'PY'
import json, sys
for i, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    if i % 40: continue
    r = json.loads(line)
    open(f"{sys.argv[2]}/pair{i}", "w", encoding="utf-8").write(r["a"] + "\t" + r["b"])
PY
# The whole valid index (no cut, no change), and one cut in the middle.
printf '\xff\xff\xff\xff' | seed fuzz_index_file whole
printf '\x00\x10\x00\x00' | seed fuzz_index_file cut4096
printf '\xff\xff\xff\xff' | seed fuzz_snapshot_file whole
printf '\x00\x02\x00\x00' | seed fuzz_snapshot_file cut512
# Committed seeds (fuzz/seeds/<target>/): a small OFSI workbook (made from the first rows of the
# real one by fuzz/make_xlsx_seed.py), a CSL JSON sample, regression inputs.
for dir in "$root"/fuzz/seeds/*/; do
  [ -d "$dir" ] || continue
  name=$(basename "$dir")
  mkdir -p "$corpus/$name"
  cp "$dir"* "$corpus/$name/"
done
cp "$root"/fuzz/seeds/fuzz_uk_ofsi_xlsx/* "$corpus/fuzz_input/" 2>/dev/null || true

set -o pipefail

# --- run ---
run_one() {
  local target=$1 seconds=$2 build=$3
  mkdir -p "$build/corpus/$target"
  "$build/fuzz/$target" "$build/corpus/$target" -max_total_time="$seconds" -max_len=32768 -timeout=25 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
    >"$build/logs/$target.log" 2>&1 || true
  local execs crashes
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/logs/$target.log" | grep -o '[0-9]*$' || echo "?")
  crashes=$(ls "$build/artifacts/$target-"* 2>/dev/null | wc -l)
  printf '%-24s %6ss  %10s execs  %s artifacts\n' "$target" "$seconds" "${execs:-?}" "$crashes"
}
export -f run_one
started=$build/.fuzz-run-started
touch "$started"
printf '%s\n' "${targets[@]}" | xargs -P "$parallel" -I{} bash -c 'run_one "$@"' _ {} "$seconds" "$build"
new=$(find "$build/artifacts" -type f -newer "$started" | sort)
if [ -n "$new" ]; then
  echo "fuzz.sh: new artifacts (inputs that crashed or tripped a sanitizer; logs in $build/logs):" >&2
  echo "$new" >&2
  exit 1
fi
