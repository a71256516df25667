#include "translit/nfkc.h"

namespace partyscreen {

const icu::Normalizer2* NfkcNormalizer() {
  static const icu::Normalizer2* const nfkc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? instance : nullptr;
  }();
  return nfkc;
}

}  // namespace partyscreen
