#include "translit/transliterate.h"

#include <opencc/opencc.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <memory>
#include <optional>
#include <vector>

#include "core/strings.h"
#include "translit/cross_script.h"
#include "translit/han_names.h"
#include "translit/hangul.h"
#include "translit/latin_ascii.h"
#include "translit/name_pieces.h"
#include "translit/piece_memo.h"

namespace partyscreen {

namespace {

// The per-thread ICU/OpenCC objects, each made on its first use (Han-Latin, the costliest at
// ~150-300 ms of rule compilation, is han_names.h's, also made on first use): a process that
// meets only Latin text builds none of them (docs/BENCHMARKS.md "Twenty-fifth session").
// Creation failures give null; the caller then falls back to dropping what it cannot convert (a
// name is never lost to an exception).
class ThreadConverters {
 public:
  // NFKC; Cyrillic BGN; Any-Latin; Latin-ASCII; Lower.
  icu::Transliterator* ToLatin() {
    if (!to_latin_made_) {
      to_latin_made_ = true;
      to_latin_ = Make(u"NFKC; [:Cyrillic:] Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower");
    }
    return to_latin_.get();
  }
  // Traditional -> simplified Chinese.
  opencc::SimpleConverter* T2s() {
    if (!t2s_made_) {
      t2s_made_ = true;
      try {
        t2s_.emplace("t2s.json");
      } catch (...) {  // OpenCC reports a missing config by exception; keep it inside this module.
        t2s_.reset();
      }
    }
    return t2s_ ? &*t2s_ : nullptr;
  }

 private:
  static std::unique_ptr<icu::Transliterator> Make(const char16_t* id) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance(id, UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }

  std::unique_ptr<icu::Transliterator> to_latin_;
  std::optional<opencc::SimpleConverter> t2s_;
  bool to_latin_made_ = false;
  bool t2s_made_ = false;
};

ThreadConverters& Converters() {
  thread_local ThreadConverters converters;
  return converters;
}

std::string Utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Pinyin of one run of Han characters, syllables joined as names are written.
std::string HanRunToLatin(const icu::UnicodeString& run) {
  const std::vector<std::string> syllables = HanSyllables(Utf8(run));
  std::string out = " ";
  if (syllables.size() == 2 || syllables.size() == 3) {
    out += syllables[0] + " ";
    for (size_t i = 1; i < syllables.size(); ++i) out += syllables[i];
  } else {
    for (const std::string& s : syllables) out += s + " ";
  }
  return out + " ";
}

}  // namespace

std::string ToLatinAsciiUnmemoised(std::string_view text) {
  if (IsAscii(text)) return AsciiLower(text);
  std::string input(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(input);
  // Text in Latin script (accents, ligatures) skips the general Any-Latin transliterator and is
  // folded code point by code point (latin_ascii.h).
  if (IsLatinScript(u))
    if (std::optional<std::string> ascii = LatinToAscii(u)) return *std::move(ascii);
  ThreadConverters& conv = Converters();
  // Traditional -> simplified only when there is Han text (OpenCC is not free).
  bool has_han = false;
  for (int32_t i = 0; i < u.length() && !has_han; i = u.moveIndex32(i, 1)) {
    UErrorCode status = U_ZERO_ERROR;
    has_han = uscript_getScript(u.char32At(i), &status) == USCRIPT_HAN;
  }
  opencc::SimpleConverter* const t2s = has_han ? conv.T2s() : nullptr;
  if (t2s != nullptr) {
    try {
      input = t2s->Convert(Utf8(u));
      u = icu::UnicodeString::fromUTF8(input);
    } catch (...) {  // keep the unconverted text
    }
  }
  // Han runs go through pinyin with name-style joining; everything else through `to_latin`.
  std::string out;
  icu::UnicodeString pending;
  auto flush_other = [&]() {
    if (pending.isEmpty()) return;
    if (icu::Transliterator* const to_latin = conv.ToLatin()) {
      to_latin->transliterate(pending);
      out += Utf8(pending);
    }
    pending.remove();
  };
  int32_t i = 0;
  // The run of code points from i on whose script passes `keep`; i moves past it.
  auto take_run = [&](auto keep) {
    icu::UnicodeString run;
    while (i < u.length()) {
      const UChar32 h = u.char32At(i);
      UErrorCode status = U_ZERO_ERROR;
      if (!keep(uscript_getScript(h, &status))) break;
      run.append(h);
      i = u.moveIndex32(i, 1);
    }
    return run;
  };
  while (i < u.length()) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(u.char32At(i), &status);
    if (script == USCRIPT_HANGUL) {
      // Korean: Revised Romanization per syllable, names split "surname given" (hangul.h).
      flush_other();
      const icu::UnicodeString run = take_run([](UScriptCode s) { return s == USCRIPT_HANGUL; });
      out += ' ';
      out += HangulToLatin(Utf8(run));
      out += ' ';
      continue;
    }
    if (script == USCRIPT_ARABIC || script == USCRIPT_HEBREW) {
      // Abjads: a transliteration that keeps what the script writes (cross_script.h).
      flush_other();
      const icu::UnicodeString run = take_run([](UScriptCode s) {
        return s == USCRIPT_ARABIC || s == USCRIPT_HEBREW || s == USCRIPT_INHERITED;
      });
      out += AbjadToAscii(Utf8(run));
      continue;
    }
    if (has_han && script == USCRIPT_HAN) {
      flush_other();
      const icu::UnicodeString run = take_run([](UScriptCode s) { return s == USCRIPT_HAN; });
      // Organisation and place names in English words (han_names.h), else pinyin.
      if (std::optional<std::string> org = HanOrganisationToLatin(Utf8(run))) {
        out += ' ';
        out += *org;
        out += ' ';
      } else {
        out += HanRunToLatin(run);
      }
      continue;
    }
    pending.append(u.char32At(i));
    i = u.moveIndex32(i, 1);
  }
  flush_other();
  // Any-Latin can leave modifier letters (ʿ) or other non-ASCII behind: drop them.
  return KeepAsciiLowered(out);
}

namespace {

TokenScript ScriptOfPiece(std::string_view piece) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(piece.data());
  const int32_t length = static_cast<int32_t>(piece.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);  // invalid bytes give c < 0: USCRIPT_INVALID_CODE, skipped
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_INVALID_CODE:
      case USCRIPT_COMMON:
      case USCRIPT_INHERITED:
      case USCRIPT_UNKNOWN:
        continue;
      case USCRIPT_LATIN:
        return TokenScript::kLatin;
      case USCRIPT_ARABIC:
      case USCRIPT_HEBREW:
      case USCRIPT_SYRIAC:
      case USCRIPT_THAANA:
        return TokenScript::kAbjad;
      case USCRIPT_CYRILLIC:
        return TokenScript::kCyrillic;
      case USCRIPT_HAN:
        return TokenScript::kHan;
      case USCRIPT_HANGUL:
        return TokenScript::kHangul;
      default:
        return TokenScript::kOther;
    }
  }
  return TokenScript::kLatin;
}

}  // namespace

std::vector<ScriptedText> ToLatinAsciiPieces(std::string_view text) {
  if (IsAscii(text)) return {{AsciiLower(text), TokenScript::kLatin}};
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  if (IsLatinScript(u))
    if (std::optional<std::string> ascii = LatinToAscii(u))
      return {{*std::move(ascii), TokenScript::kLatin}};
  // Other scripts: piece by piece (name_pieces.h), each piece through the per-thread memo.
  thread_local PieceMemo memo(kMaxMemoisedPieces);
  std::vector<ScriptedText> out;
  for (std::string_view piece : SplitIntoIndependentPieces(text)) {
    if (IsAscii(piece)) {
      out.push_back({AsciiLower(piece), TokenScript::kLatin});
    } else {
      out.push_back({memo.GetOrCompute(piece, ToLatinAsciiUnmemoised), ScriptOfPiece(piece)});
    }
  }
  return out;
}

std::string ToLatinAscii(std::string_view text) {
  std::vector<ScriptedText> pieces = ToLatinAsciiPieces(text);
  if (pieces.size() == 1) return std::move(pieces[0].ascii);
  std::string out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0) out += ' ';
    out += pieces[i].ascii;
  }
  return out;
}

}  // namespace partyscreen
