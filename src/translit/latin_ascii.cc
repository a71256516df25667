#include "translit/latin_ascii.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <memory>
#include <unordered_map>

#include "translit/nfkc.h"

namespace partyscreen {

namespace {

// An ICU transliterator by id, or null if ICU cannot create it.
std::unique_ptr<icu::Transliterator> CreateTransliterator(const char16_t* id) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance(id, UTRANS_FORWARD, parse_error, status));
  if (U_FAILURE(status)) t.reset();
  return t;
}

// An ASCII code point (c < 0x80), A-Z lower-cased.
char LowerAsciiChar(UChar32 c) {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

std::string AsciiLoweredOf(const icu::UnicodeString& text) {
  std::string utf8;
  text.toUTF8String(utf8);
  return KeepAsciiLowered(utf8);
}

// True for a combining mark that is not non-spacing (Mn) yet has a non-zero combining class:
// the musical symbol stems and flags U+1D165-1D166, U+1D16D-1D172 (Mc). Latin-ASCII does not
// drop such a mark after a letter, and its NFD/NFC round trip then re-composes the letter's own
// accent across it ("é" + U+1D165 folds to nothing), so text holding one is left to the chain.
bool FoldsWithContext(UChar32 c) {
  return u_getCombiningClass(c) != 0 && u_charType(c) != U_NON_SPACING_MARK;
}

// Per-thread state of the fast path: the single-code-point transliterator and what it gave.
class CodePointFolder {
 public:
  CodePointFolder() : latin_ascii_lower_(CreateTransliterator(u"Latin-ASCII; Lower")) {}

  bool ok() const { return latin_ascii_lower_ != nullptr; }

  // The ASCII that "Latin-ASCII; Lower" makes of `c` (possibly empty) wherever it stands in
  // NFKC text, or nullopt if that depends on its neighbours. Requires ok().
  const std::optional<std::string>& Fold(UChar32 c) {
    if (auto it = folded_.find(c); it != folded_.end()) return it->second;
    std::optional<std::string> ascii;
    if (!FoldsWithContext(c)) {
      icu::UnicodeString one(c);
      latin_ascii_lower_->transliterate(one);
      ascii = AsciiLoweredOf(one);
    }
    if (folded_.size() < kMaxCachedCodePoints)
      return folded_.emplace(c, std::move(ascii)).first->second;
    uncached_ = std::move(ascii);
    return uncached_;
  }

 private:
  std::unique_ptr<icu::Transliterator> latin_ascii_lower_;
  std::unordered_map<UChar32, std::optional<std::string>> folded_;
  std::optional<std::string> uncached_;  // Fold's result once the cache is full
};

}  // namespace

std::string KeepAsciiLowered(std::string_view text) {
  std::string ascii;
  ascii.reserve(text.size());
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x80)
      ascii += LowerAsciiChar(static_cast<unsigned char>(c));
  return ascii;
}

bool IsLatinScript(const icu::UnicodeString& text) {
  const char16_t* units = text.getBuffer();
  for (int32_t i = 0, length = text.length(); i < length;) {
    UChar32 c;
    U16_NEXT(units, i, length, c);
    if (c < 0x80) continue;  // ASCII is Latin or Common
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (script != USCRIPT_LATIN && script != USCRIPT_COMMON && script != USCRIPT_INHERITED)
      return false;
  }
  return true;
}

std::optional<std::string> LatinToAscii(const icu::UnicodeString& text) {
  thread_local CodePointFolder folder;
  const icu::Normalizer2* nfkc = NfkcNormalizer();
  if (!folder.ok() || nfkc == nullptr) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = nfkc->normalize(text, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  out.reserve(static_cast<size_t>(normalized.length()) + 8);
  const char16_t* units = normalized.getBuffer();
  for (int32_t i = 0, length = normalized.length(); i < length;) {
    UChar32 c;
    U16_NEXT(units, i, length, c);
    if (c < 0x80) {
      out += LowerAsciiChar(c);
    } else if (const std::optional<std::string>& ascii = folder.Fold(c)) {
      out += *ascii;
    } else {
      return LatinToAsciiReference(text);
    }
  }
  return out;
}

std::optional<std::string> LatinToAsciiReference(const icu::UnicodeString& text) {
  thread_local const std::unique_ptr<icu::Transliterator> chain =
      CreateTransliterator(u"NFKC; Latin-ASCII; Lower");
  if (!chain) return std::nullopt;
  icu::UnicodeString u(text);
  chain->transliterate(u);
  return AsciiLoweredOf(u);
}

}  // namespace partyscreen
