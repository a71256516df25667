// Matching a word written in an abjad (Arabic, Persian, Urdu, Hebrew) or in Cyrillic against a
// Latin-script spelling of the same name.
//
// Both sides are lower-case ASCII tokens: the script side is the transliteration of one word
// (AbjadToAscii below for abjads, ICU Russian-Latin/BGN for Cyrillic), the Latin side a word of a
// Latin-script name. Three tools:
//   * AbjadToAscii: transliteration of Arabic-script and Hebrew-script text that keeps what the
//     script writes (ayin, ta marbuta, the vowel letters, the article) visible in ASCII.
//   * CrossScriptKeys: blocking keys computed from one token alone (one per way of reading its
//     ambiguous letters, at most four). A true pair (the same name in the script and in Latin)
//     shares a key in most cases; a key is a consonant skeleton with the consonants the script
//     cannot tell apart merged into one class, so it is coarse on purpose (precision is the
//     similarity's job).
//   * CrossScriptSimilarity: a graded score in [0,1], a weighted alignment of the script word's
//     letters against the Latin spelling: ~1 when the Latin spelling is a faithful reading of
//     what the script writes (short vowels free for abjads), falling with each consonant that
//     disagrees.
//
// Contract:
//   * All functions are pure, deterministic and thread-safe (no state, no locale).
//   * CrossScriptKeys and CrossScriptSimilarity accept any bytes; non-letters are ignored.
//   * CrossScriptSimilarity does not allocate; it runs in O(n*m) on the first kMaxUnits letters
//     of each token (longer tokens are compared on that prefix).
//   * The rules are facts of the scripts and of the common romanisation habits (ICAO, BGN,
//     GOST, Wikipedia-style; foreign names written in Arabic, Hebrew or Russian), never tables of
//     particular names.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

enum class ScriptFamily : uint8_t { kAbjad, kCyrillic };

// Letters of a token the similarity looks at; the rest of a longer token is ignored.
inline constexpr size_t kMaxCrossScriptUnits = 40;

// Lower-case ASCII transliteration of UTF-8 Arabic-script (Arabic, Persian, Urdu) or Hebrew text,
// designed for matching rather than reading:
//   * consonants: the usual ASCII digraphs (sh, kh, th, dh, gh, ch, zh); Hebrew tsadi "tz";
//   * vowel letters stay visible: alef (and hamza-on-alef) "a" (alef with hamza below "i"),
//     waw / vav "w" (double vav "v"), ya / yod "y", alef maqsura "a", ayin "e" (in both scripts),
//     word-final ta marbuta "a" (before a letter "t"), bare hamza dropped;
//   * Hebrew final letters fold to their sound (ך "kh", ף "f", ץ "tz"); geresh (׳ or ') marks
//     ג׳ "j", ז׳ "zh", צ׳ "ch", ת׳ "th", ד׳ "dh", ח׳ "kh", ע׳ "gh";
//   * the Arabic article stays attached as a prefix ("التكريتي" -> "altkryty"); see
//     StripArabicArticle;
//   * vowel points, shadda and tatweel are dropped; ASCII is lower-cased and kept; Arabic-Indic
//     digits become ASCII digits; any other character becomes a space.
// Invalid UTF-8 bytes become spaces.
std::string AbjadToAscii(std::string_view utf8);

// `token` without a leading Arabic article "al" when what follows still holds at least two
// consonants ("altkryty" -> "tkryty", "alshammari" -> "shammari", "ali" -> "ali").
std::string_view StripArabicArticle(std::string_view token);

// Blocking keys of `ascii_token` for matching against `family`. `from_script` true: the token is
// the ASCII transliteration of a word of that family (AbjadToAscii / ICU output for abjads, BGN
// output for Cyrillic); false: a Latin-script spelling. A key is the consonant skeleton: vowels
// and vowel letters dropped, consonants merged into the classes the script (or the romanisation)
// cannot tell apart, Latin digraphs read as one sound, doubled letters collapsed, a leading
// Arabic article dropped (abjads), then cut to its first three consonant classes (word ends are
// where spellings drift most). Coarse on purpose: ~9 classes per family, so a key is shared by
// many names and CrossScriptSimilarity must check every candidate. For Cyrillic the sounds that
// one side writes as silence or a vowel are left out of the key altogether (h/kh/g/gh, dzh/zh,
// v/f/w; see CyrillicKeySkips in the .cc).
// A letter that the spelling habits read several ways gives a key for each reading: Latin ch as
// ch, k or kh, w as waw or fa, th as t, s or f, a silent French final consonant, Polivanov's
// ti as chi or ti... (UnitReading, ExtraReadings in the .cc). A pair matches by key when the
// two words' key lists share a key. At most kMaxCrossScriptKeys keys, distinct, the one of
// every letter's first reading first; a key may be "" (the word has no consonant the key
// keeps: "ali" -> "l", "aya" -> ""), which matches nothing.
inline constexpr size_t kMaxCrossScriptKeys = 4;
std::vector<std::string> CrossScriptKeys(ScriptFamily family, std::string_view ascii_token,
                                         bool from_script);

// Graded similarity in [0,1] of a transliterated word of `family` (`script_token`) against a
// Latin spelling (`latin_token`). A leading Arabic article on either side is optional (abjads).
double CrossScriptSimilarity(ScriptFamily family, std::string_view script_token,
                             std::string_view latin_token);

// A word as the similarity reads it: one code per sound (digraphs are one sound), at most
// kMaxCrossScriptUnits of them. An index comparing one word with thousands parses it once.
struct CrossScriptUnits {
  std::array<char, kMaxCrossScriptUnits> u{};
  size_t n = 0;
  void Push(char c) {
    if (n < u.size()) u[n++] = c;
  }
};
// The units of a transliterated word of `family` (`from_script`) or of a Latin spelling (the
// family does not matter then).
CrossScriptUnits ParseCrossScriptUnits(ScriptFamily family, std::string_view ascii_token,
                                       bool from_script);
// CrossScriptSimilarity on parsed words: the same value.
double CrossScriptSimilarity(ScriptFamily family, const CrossScriptUnits& script,
                             const CrossScriptUnits& latin);
// CrossScriptSimilarity when it is at least `at_least`, else 0.
double CrossScriptSimilarityAtLeast(ScriptFamily family, const CrossScriptUnits& script,
                                    const CrossScriptUnits& latin, double at_least);

// One script word compared with many Latin words (the candidates an index finds for it):
// SimilarityTo(latin) == CrossScriptSimilarityAtLeast(family, script, latin, at_least) for every
// Latin word, but most pairs below `at_least` are rejected without aligning them, by lower bounds
// of the alignment cost read from tables built once here (~1 us). The alignment itself reuses the
// columns of the previous Latin word as far as the two words begin alike (give it candidates in
// sorted order), so a probe is one thread's: SimilarityTo updates that cache.
class CrossScriptProbe {
 public:
  CrossScriptProbe(ScriptFamily family, const CrossScriptUnits& script, double at_least);
  ~CrossScriptProbe();
  CrossScriptProbe(CrossScriptProbe&&) noexcept;
  CrossScriptProbe& operator=(CrossScriptProbe&&) noexcept;

  double SimilarityTo(const CrossScriptUnits& latin) const;

 private:
  struct Side;  // the script word (or it without its article) and its tables
  // `stripped_latin`: `latin` is a Latin word without its article (its own column cache).
  double BoundedSimilarity(const Side& side, const CrossScriptUnits& latin,
                           bool stripped_latin) const;
  // The alignment cost of the side's word against `latin` (AlignCost), or some value above
  // `limit` once it is sure to exceed it; reuses the first `reuse` columns (ReusableColumns) of
  // the side's last word aligned (one cache for Latin words as given, one for them without their
  // article), none of whose minima the caller found above `limit`.
  int ColumnAlignCost(const Side& side, bool stripped_latin, const CrossScriptUnits& latin,
                      int limit, size_t reuse) const;
  struct Columns;
  // How many of the cached columns also serve `latin`.
  static size_t ReusableColumns(const Columns& cache, const CrossScriptUnits& latin);

  ScriptFamily family_;
  double at_least_;
  std::unique_ptr<Side> whole_, stripped_;
};

}  // namespace partyscreen
