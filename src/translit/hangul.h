// Korean names: Hangul -> Latin, and the comparison key that lets a romanised Korean token meet
// the same name part written in any of the romanisations in use.
//
// Contract
//  - HangulToLatin writes Hangul in Revised Romanization (RR), computed arithmetically from each
//    syllable's jamo (no ICU), one letter-for-letter spelling per syllable, without the sound
//    changes between syllables (RR's rule for personal names). A Korean personal name is written
//    "surname given" with the given name joined ("김정은" -> "gim jeongeun").
//  - KoreanSoundKey maps one lower-case ASCII token to a key such that spellings of the same
//    syllables in RR, McCune-Reischauer (breves and apostrophes stripped), the DPRK's system and
//    the customary South Korean spellings give the same key ("jeongeun" = "jongun" =
//    "chongun"), and surnames with irregular customary spellings ("lee", "park", "choi") get
//    the key of their RR form (data/tables/korean_surnames.tsv). The key depends on the token
//    alone, so it can be a blocking key of an index.
//  - How the key is made: a token is only keyed if it can be read as a sequence of romanised
//    Korean syllables (onset + vowel + optional final over the union of the systems' spellings);
//    otherwise the key is "" and no Korean match may be claimed. Because a letter sequence can
//    often be cut into syllables in two ways ("jongun" = jong+un = jon+gun), the key does not
//    depend on the cut: it rewrites the letters themselves, consonant clusters and vowel runs,
//    into classes that merge what the systems write differently:
//      consonants  g/k/kh -> k, d/t/th -> t, b/p/ph -> p, j/ch/tch/z -> j, s/sh -> s, r/l -> l,
//                  ng -> n k (a final ng before a vowel is spelt like n before g: "hyeongi" =
//                  "hyeon-ki"), doubled letters (tense consonants, ll) -> one; n l -> l;
//                  ng/m/k + l -> n (MR writes the assimilation); h or r after a vowel before
//                  a consonant or at the end is dropped ("ahn", "oh", "park", "hur": customary
//                  marks, never a Korean final); wh -> hw ("whan")
//      vowels      eo/o/u/eu/oo/woo -> o (MR writes eo and eu as o and u; customary writes eo
//                  as u: "jung", "hyun"), ae/ai/e/ea -> e, yeo/yo/yu/yoo/you/yeu -> yo,
//                  yae/ye/yea -> ye, oe/oi/we/wae -> we, wo/weo -> wo, wi/wee -> wi,
//                  i/ee/yi/ie/ui/eui -> i; a run of vowel letters is read greedily, longest
//                  spelling first (so "aeu" is ae+u, "jaeu" = "jaewoo"), except "oeu" = o+eu
//      r/l before i or y: dropped at the start of the token (the South's initial-sound rule;
//                  the DPRK keeps the r: "ri" = "i", "ryu" = "yu"), n before another vowel
//                  ("ro" = "no"); after a final other than n/l, r/l/n before i/y is dropped too
//                  (RR "seungryong", MR "sungnyong", customary "sung-yong")
//    Keys are lower-case ASCII ("kim", "jonkon", "i"). Every merge trades precision for recall:
//    different syllables that these classes merge share a key (정/종/중/증, 성/승/송, 서/소,
//    경/교/규, 재/제, 대/태, 김/킴, 정은/정근/전근). The surname table
//    overrides the rules for the whole-token spellings it lists.
//
// Thread safety: all functions are pure; the surname table is parsed once on first use into an
// immutable object (thread-safe static initialisation).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

// True for Hangul syllables (U+AC00..U+D7A3) and Hangul jamo (U+1100..U+11FF, U+A960..U+A97F,
// U+D7B0..U+D7FF) and compatibility jamo (U+3131..U+318E).
bool IsHangul(char32_t c);

// Lower-case ASCII RR romanisation of UTF-8 text whose letters are Hangul. A run of 2-4 Hangul
// syllables is written "surname given" with the surname split off ("김정은" -> "gim jeongeun");
// two-syllable surnames of the table stay together ("남궁민수" -> "namgung minsu"; a run that
// is only such a surname stays one word). A run that follows, after spaces only, a run of one
// syllable or a compound surname is the given name and stays whole ("김 정은" ->
// "gim jeongeun"). A run of one syllable or of 5+ syllables is written as one word. Decomposed
// jamo sequences are composed first; other jamo are romanised one by one. Non-Hangul
// characters (spaces, punctuation, digits, Latin, invalid bytes) are copied through unchanged.
std::string HangulToLatin(std::string_view utf8);

// Comparison key of one lower-case ASCII token (see above), or "" when the token is empty, has a
// character other than a-z, or cannot be read as a sequence of Korean syllables.
std::string KoreanSoundKey(std::string_view ascii_token);

// True when the lower-case ASCII token is one Korean syllable (onset, vowel and final in the
// spellings KoreanSoundKey reads: "kyong", "chol", "sop") or a surname's spelling ("park").
bool IsKoreanSyllableSpelling(std::string_view ascii_token);

// One line of data/tables/korean_surnames.tsv.
struct KoreanSurname {
  std::string hangul;                  // "박", or a compound surname "남궁"
  std::string rr;                      // "bak"
  std::vector<std::string> spellings;  // other spellings: "park", "pak", ...
};

// The compiled-in surname table, in file order. Thread-safe (built once, immutable).
const std::vector<KoreanSurname>& KoreanSurnames();

}  // namespace partyscreen
