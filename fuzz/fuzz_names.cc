// libFuzzer target for name matching on arbitrary text: the input is two names separated by a
// tab, compared as a query and a listed name under each schema (transliteration of every script,
// the Korean, Chinese and abjad readers, legal forms, the sound fold, cross-script keys and
// alignment) and its blocking keys computed. Scores must stay in [0, 1]; crashes, leaks and
// over-reads are findings.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "partyscreen/screener.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 512) return 0;  // names are short; long inputs only slow the search down
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const size_t tab = text.find('\t');
  const std::string_view a = text.substr(0, tab);
  const std::string_view b = tab == std::string_view::npos ? a : text.substr(tab + 1);
  for (partyscreen::Schema s : {partyscreen::Schema::kPerson, partyscreen::Schema::kOrganization,
                                partyscreen::Schema::kUnknown}) {
    partyscreen::Explanation x;
    const double score = partyscreen::CompareNames(a, b, s, &x);
    if (!(score >= 0.0 && score <= 1.0)) std::abort();
  }
  (void)partyscreen::BlockingKeys(a);
  return 0;
}
