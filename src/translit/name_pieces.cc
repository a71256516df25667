#include "translit/name_pieces.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdint>

#include "translit/nfkc.h"

namespace partyscreen {

namespace {

// A code point of a script of its own (not Common, Inherited or Unknown). Ill-formed UTF-8
// (decoded as a negative value) is not strong.
bool IsStrong(UChar32 c) {
  if (c < 0) return false;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return U_SUCCESS(status) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED &&
         script != USCRIPT_UNKNOWN;
}

// The first or last code point of NFKC(`c`) (`c` itself when it has no decomposition), or -1.
UChar32 NfkcFormEnd(UChar32 c, const icu::Normalizer2& nfkc, bool last) {
  icu::UnicodeString decomposition;
  if (!nfkc.getDecomposition(c, decomposition)) return c;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString form = nfkc.normalize(icu::UnicodeString(c), status);
  if (U_FAILURE(status) || form.isEmpty()) return -1;
  return last ? form.char32At(form.length() - 1) : form.char32At(0);
}

// `before` may end a piece: strong, does not interact in normalisation with what precedes it
// (so the NFKC form of the piece ends with that of `before`), and that form ends strong
// (U+FC5E ARABIC LIGATURE SHADDA WITH DAMMATAN ISOLATED FORM ends with a mark).
bool CanEndPiece(UChar32 before, const icu::Normalizer2& nfkc) {
  return IsStrong(before) && nfkc.hasBoundaryBefore(before) &&
         IsStrong(NfkcFormEnd(before, nfkc, /*last=*/true));
}

// Hiragana/Katakana iteration marks: Katakana-Latin repeats the character before one, which is
// the space in the whole text but nothing at the start of a piece.
bool IsKanaIterationMark(UChar32 c) {
  return c == 0x309D || c == 0x309E || c == 0x30FD || c == 0x30FE;
}

// `after` may start a piece: strong, a starter (combining class 0, so nothing is reordered before
// it), not a kana iteration mark, and the NFKC form starts strong (that of U+FE70 ARABIC FATHATAN
// ISOLATED FORM is a space and a mark).
bool CanStartPiece(UChar32 after, const icu::Normalizer2& nfkc) {
  return IsStrong(after) && u_getCombiningClass(after) == 0 && !IsKanaIterationMark(after) &&
         IsStrong(NfkcFormEnd(after, nfkc, /*last=*/false));
}

// True if the space at byte `at` of `text` is a cut.
bool IsCut(std::string_view text, int32_t at, const icu::Normalizer2& nfkc) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  if (at == 0 || at + 1 >= length) return false;
  int32_t before_end = at;
  UChar32 before;
  U8_PREV(bytes, 0, before_end, before);
  int32_t after_begin = at + 1;
  UChar32 after;
  U8_NEXT(bytes, after_begin, length, after);
  return CanEndPiece(before, nfkc) && CanStartPiece(after, nfkc);
}

}  // namespace

std::vector<std::string_view> SplitIntoIndependentPieces(std::string_view text) {
  if (text.size() > static_cast<size_t>(INT32_MAX)) return {text};  // ICU's UTF-8 macros: int32
  const icu::Normalizer2* nfkc = NfkcNormalizer();
  if (nfkc == nullptr) return {text};
  std::vector<std::string_view> pieces;
  size_t begin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != ' ' || !IsCut(text, static_cast<int32_t>(i), *nfkc)) continue;
    pieces.push_back(text.substr(begin, i - begin));
    begin = i + 1;
  }
  pieces.push_back(text.substr(begin));
  return pieces;
}

}  // namespace partyscreen
