#include "lists/script_detect.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <map>

namespace partyscreen {

std::string DominantScript(std::string_view text) {
  std::map<UScriptCode, int> counts;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) return "";
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED ||
        script == USCRIPT_UNKNOWN)
      continue;
    ++counts[script];
  }
  UScriptCode best = USCRIPT_INVALID_CODE;
  int best_count = 0;
  for (const auto& [script, count] : counts)
    if (count > best_count) {
      best = script;
      best_count = count;
    }
  if (best == USCRIPT_INVALID_CODE) return "";
  const char* name = uscript_getName(best);
  return name ? name : "";
}

}  // namespace partyscreen
