// Chinese names across scripts: organisation names written in Han characters read in English,
// and one comparison key for the romanisations of Chinese syllables.
//
// Contract
// - HanOrganisationToLatin() turns a run of (simplified) Han characters that names an
//   organisation into the lower-case English words a Latin list writes for it: places from a
//   gazetteer (data/tables/han_places.tsv, "乌鲁木齐" -> "urumqi"), organisation words from a term
//   dictionary (data/tables/han_terms.tsv, "公安局" -> "public security bureau"), anything else in
//   pinyin. It answers nullopt when the run holds no organisation word, so person names
//   ("陈全国") and bare place names stay with the caller's pinyin.
// - ChineseSoundKey() maps one lower-case ASCII token spelling Chinese syllables in Hanyu Pinyin,
//   Wade-Giles (apostrophes and umlauts lost), Palladius Cyrillic as romanised by BGN/PCGN
//   ("tszinpin"), or a customary Hong Kong / Taiwan / Southeast Asian surname spelling ("cheung",
//   "lim") to a key; spellings of the same syllables share a key. The key merges exactly the
//   syllables some spelling cannot tell apart: every spelling of every syllable in each system is
//   generated from pinyin by rule, and two syllables are merged when any system writes them alike
//   (Wade-Giles "chi" = ji, qi; Palladius "si" = xi, "an" = an, ang). "" when the token is not
//   entirely Chinese syllables.
//
// Thread safety: both functions are pure and may be called from any thread. The tables are built
// once on first use (function-local statics); the ICU transliterator used for pinyin is created
// lazily per thread (thread_local) and never shared.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

// English reading of a run of Han characters (simplified, as after OpenCC t2s) that is an
// organisation or place name. The run is segmented into gazetteer places and dictionary terms by
// dynamic programming (fewest characters left unknown, then fewest pieces, so the longest entries
// win); places and terms are written in English, the rest in pinyin (ICU "Han-Latin;
// Latin-ASCII; Lower"), unknown stretches cut into words of two syllables (a last odd syllable
// joins the word before it: "海康威视" -> "haikang weishi", "中关村" -> "zhongguancun"), the way
// lists write Chinese proper names; "第" and a number is an ordinal ("第十四研究所" -> "14th
// research institute"). Output: lower-case ASCII words separated by single spaces
// ("乌鲁木齐市公安局" -> "urumqi municipal public security bureau").
// nullopt when the run holds no organisation term, and for runs of person-name length (at most
// three characters) unless they are all terms ("公安局") or end in a term of two or more
// characters that can end a name ("华为公司"): "陈全国", "张建设", "王镇" are left alone.
// Characters that are not Han are ignored.
std::optional<std::string> HanOrganisationToLatin(std::string_view utf8_simplified_han);

// The pinyin syllables of Han characters in order (ICU's Han-Latin, in lower-case ASCII without
// tones): "陈全国" -> {"chen", "quan", "guo"}. Empty when ICU lacks the transliterator. One
// transliterator per thread, made on first use.
std::vector<std::string> HanSyllables(std::string_view utf8_han);

// Comparison key of one lower-case ASCII token of Chinese syllables (see the contract above):
// "chiahao" = "jiahao", "chihchiang" = "zhiqiang", "hsi" = "xi" = "si", "tsyuango" = "quanguo",
// "cheung" = "zhang". The token is segmented into syllables with the fewest syllables (ties: the
// smallest key), so the key does not depend on which of two readings' boundaries is taken; each
// syllable contributes the pinyin spelling of its merge class, concatenated without separators.
// "" when the token does not segment fully into syllables (then no Chinese match is claimed).
// Upper-case letters are folded; any other character makes the key "".
std::string ChineseSoundKey(std::string_view ascii_token);

// The ChineseSoundKey()s of a Chinese name written in Hangul by the Korean standard for Chinese
// (the National Institute of Korean Language's pinyin-Hangul table, 외래어 표기법), given as
// HangulToLatin's Revised Romanization: "si" (시) -> the key of xi; "jinping" (진핑) -> that of
// jinping; "peong" (펑) -> peng. The standard writes some syllables alike (장 = zhang and jiang,
// 룽 = long and rong), so a token has a key per reading: those of its segmentations into the
// fewest syllables, sorted, the first `max_keys`. Empty when the token is not such syllables
// ("gim": the standard writes no final m).
std::vector<std::string> ChineseSoundKeysOfKoreanSpelling(std::string_view rr_token,
                                                          size_t max_keys);

// True when the Hangul token (Revised Romanization, as above) and the Latin token read as the
// same Chinese syllables, one by one: each Korean spelling stands for a syllable that the Latin
// spelling in the same place writes in pinyin, Wade-Giles or a customary surname spelling (not
// Palladius: a Latin list's "Khan" is not 한 = han). Finer than the keys, whose classes merge what
// any system writes alike: 유준 ("yujun", you + zhun) shares a key with "Yurong" but does not read
// as it.
bool KoreanSpellingReadsAs(std::string_view rr_token, std::string_view latin_token);

// True when the lower-case ASCII token is one Chinese syllable in a spelling ChineseSoundKey
// reads ("hui", "hsu", "chung"); one table lookup.
bool IsChineseSyllableSpelling(std::string_view ascii_token);

}  // namespace partyscreen
