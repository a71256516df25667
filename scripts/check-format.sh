#!/usr/bin/env bash
# Fails (listing the files) when a tracked C++ file is not formatted as .clang-format says.
# Fix with: git ls-files '*.cc' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
bad=()
while IFS= read -r f; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.cc' '*.h')
if [ ${#bad[@]} -gt 0 ]; then
  echo "not clang-format clean (run: git ls-files '*.cc' '*.h' | xargs clang-format -i):" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "clang-format: $(git ls-files '*.cc' '*.h' | wc -l) files clean"
