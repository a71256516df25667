#!/usr/bin/env bash
# Prints --list arguments for every loadable list in ../shared/lists (one per published list).
# ofac/sdn-2025-12-partial is left out: it holds only companion files (add/alt/comments) whose
# sdn.csv was not available, so it is not a list on its own (docs/lists/OFAC.md).
set -euo pipefail
S="${1:-$(cd "$(dirname "$0")/../.." && pwd)/shared/lists}"
for p in \
  ofac-csv:$S/ofac/sdn-2024-07-02 ofac-csv:$S/ofac/sdn-2021-07 ofac-cons-csv:$S/ofac/nonsdn-2025-12 \
  $S/ofac/nonsdn-enhanced-2025-01/CONS_ENHANCED.ZIP $S/ofac/sdn-xml-excerpt-2019-03/sdn.xml.zip \
  $S/csl/csl-2022-04/consolidated.csv.gz $S/csl/csl-2023-11-excerpt/csl.csv $S/bis/dpl-2023-11/dpl.txt \
  $S/un/UN_consolidated.xml $S/uk/ofsi-2025-04/UK_Sanctions_List.xlsx $S/uk/hmt-2018-04/sanctionsconlist.csv \
  $S/opensanctions/yente-t1/entities.ftm.json $S/opensanctions/yente-zala/entities.ftm.json; do
  printf -- '--list %s ' "$p"
done
echo
