#include "normalize/transliterate.h"

#include <opencc/opencc.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <memory>
#include <optional>
#include <vector>

namespace partyscreen {

namespace {

// The per-thread ICU/OpenCC objects. Creation failures leave a member null; the caller then
// falls back to dropping what it cannot convert (a name is never lost to an exception).
struct ThreadConverters {
  std::unique_ptr<icu::Transliterator>
      to_latin;  // NFKC; Cyrillic BGN; Any-Latin; Latin-ASCII; Lower
  std::unique_ptr<icu::Transliterator> han_to_latin;
  std::unique_ptr<icu::Transliterator>
      latin_to_ascii;  // Latin-script text only: far cheaper than Any-Latin
  std::optional<opencc::SimpleConverter> t2s;

  ThreadConverters() {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    to_latin.reset(icu::Transliterator::createInstance(
        u"NFKC; [:Cyrillic:] Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD,
        parse_error, status));
    if (U_FAILURE(status)) to_latin.reset();
    status = U_ZERO_ERROR;
    han_to_latin.reset(icu::Transliterator::createInstance(u"Han-Latin; Latin-ASCII; Lower",
                                                           UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status)) han_to_latin.reset();
    status = U_ZERO_ERROR;
    latin_to_ascii.reset(icu::Transliterator::createInstance(u"NFKC; Latin-ASCII; Lower",
                                                             UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status)) latin_to_ascii.reset();
    try {
      t2s.emplace("t2s.json");
    } catch (...) {  // OpenCC reports a missing config by exception; keep it inside this module.
      t2s.reset();
    }
  }
};

ThreadConverters& Converters() {
  thread_local ThreadConverters converters;
  return converters;
}

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Keeps the ASCII characters of `text`, lower-cased.
std::string AsciiLowerOnly(const std::string& text) {
  std::string ascii;
  ascii.reserve(text.size());
  for (char ch : text)
    if (static_cast<unsigned char>(ch) < 0x80)
      ascii += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  return ascii;
}

std::string Utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Pinyin of one run of Han characters, syllables joined as names are written.
std::string HanRunToLatin(const icu::UnicodeString& run, ThreadConverters& conv) {
  if (!conv.han_to_latin) return " ";
  icu::UnicodeString u(run);
  conv.han_to_latin->transliterate(u);
  std::vector<std::string> syllables;
  std::string current;
  for (char c : Utf8(u)) {
    const unsigned char uc = static_cast<unsigned char>(c);
    if ((uc >= 'a' && uc <= 'z') || (uc >= '0' && uc <= '9')) {
      current += c;
    } else if (!current.empty()) {
      syllables.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) syllables.push_back(std::move(current));
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

std::string ToLatinAscii(std::string_view text) {
  if (IsAscii(text)) {
    std::string out(text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  ThreadConverters& conv = Converters();
  std::string input(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(input);
  // Traditional -> simplified only when there is Han text (OpenCC is not free); text in Latin
  // script (accents, ligatures) skips the general Any-Latin transliterator.
  bool has_han = false;
  bool only_latin = true;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(u.char32At(i), &status);
    has_han = has_han || script == USCRIPT_HAN;
    only_latin = only_latin && (script == USCRIPT_LATIN || script == USCRIPT_COMMON ||
                                script == USCRIPT_INHERITED);
  }
  if (only_latin && conv.latin_to_ascii) {
    conv.latin_to_ascii->transliterate(u);
    return AsciiLowerOnly(Utf8(u));
  }
  if (has_han && conv.t2s) {
    try {
      input = conv.t2s->Convert(Utf8(u));
      u = icu::UnicodeString::fromUTF8(input);
    } catch (...) {  // keep the unconverted text
    }
  }
  // Han runs go through pinyin with name-style joining; everything else through `to_latin`.
  std::string out;
  icu::UnicodeString pending;
  auto flush_other = [&]() {
    if (pending.isEmpty()) return;
    if (conv.to_latin) {
      conv.to_latin->transliterate(pending);
      out += Utf8(pending);
    }
    pending.remove();
  };
  int32_t i = 0;
  while (i < u.length()) {
    UErrorCode status = U_ZERO_ERROR;
    const UChar32 c = u.char32At(i);
    if (has_han && uscript_getScript(c, &status) == USCRIPT_HAN) {
      flush_other();
      icu::UnicodeString run;
      while (i < u.length()) {
        const UChar32 h = u.char32At(i);
        status = U_ZERO_ERROR;
        if (uscript_getScript(h, &status) != USCRIPT_HAN) break;
        run.append(h);
        i = u.moveIndex32(i, 1);
      }
      out += HanRunToLatin(run, conv);
      continue;
    }
    pending.append(c);
    i = u.moveIndex32(i, 1);
  }
  flush_other();
  // Any-Latin can leave modifier letters (ʿ) or other non-ASCII behind: drop them.
  return AsciiLowerOnly(out);
}

}  // namespace partyscreen
