// ICU's NFKC normaliser for the translit module, fetched once per process.
//
// ICU makes the instance under its own once-initialisation (atomics inside libicuuc, which is not
// built with ThreadSanitizer), so threads that each fetched it on first use looked, to TSan, as if
// they read the object unordered with its construction (a false report, scripts/test-tsan.sh,
// docs/HARDENING.md "ThreadSanitizer"). Fetched here through a C++ function-local static, whose
// guard is compiled in this module where TSan sees it. The instance is immutable and shared by
// every thread; nullptr if ICU could not load its data (callers then keep the text as it is).
#pragma once

#include <unicode/normalizer2.h>

namespace partyscreen {

const icu::Normalizer2* NfkcNormalizer();

}  // namespace partyscreen
