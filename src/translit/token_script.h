// TokenScript: the writing system a name word came from, before transliteration to ASCII.
//
// Words are compared in lower-case ASCII, but the same ASCII means different things depending on
// where it came from: Arabic script writes no short vowels ("sdam" is Saddam), a Hangul syllable
// has several customary Latin spellings (김 = gim = kim), a Russian "х" is kh, h or x. The matcher
// uses the script to pick the cross-script comparison (match/cross_script_match.h). kLatin also
// covers ASCII and digits; kOther is every script without a dedicated comparison (Greek, kana,
// Georgian...), compared by its transliteration alone. kCode marks a list's acronym ("IARA"),
// which like a Han or Hangul syllable matches only as spelled; so does kJoinedName.
#pragma once

#include <cstdint>

namespace partyscreen {

enum class TokenScript : uint8_t {
  kLatin = 0,
  kAbjad = 1,     // Arabic, Persian, Urdu (Arabic script), Hebrew, Syriac, Thaana
  kCyrillic = 2,  //
  kHan = 3,       // Chinese characters
  kHangul = 4,    // Korean
  kOther = 5,
  kCode = 6,  // Latin letters that are a listed acronym, not a word (normalize/acronym.h)
  // A whole name of Latin words read as one word (match/name_score.h WholeNameJoinable): matched
  // only as spelled, and keyed by its spelling alone (match/blocking.h).
  kJoinedName = 7,
};
inline constexpr int kTokenScriptCount = 8;

}  // namespace partyscreen
