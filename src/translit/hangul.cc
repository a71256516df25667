#include "translit/hangul.h"

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/flat_string_map.h"
#include "core/table_lines.h"

namespace partyscreen {

namespace embedded {
extern const std::string_view k_korean_surnames_tsv;
}  // namespace embedded

namespace {

// ---------------------------------------------------------------------------------------------
// Hangul code points.

constexpr char32_t kSyllableFirst = 0xAC00;
constexpr char32_t kSyllableLast = 0xD7A3;
constexpr char32_t kChoseongFirst = 0x1100;   // conjoining initial consonants used by syllables
constexpr char32_t kJungseongFirst = 0x1161;  // conjoining vowels
constexpr char32_t kJongseongFirst = 0x11A7;  // one before the first conjoining final
constexpr int kInitials = 19;
constexpr int kMedials = 21;
constexpr int kFinals = 28;  // index 0: no final

// RR of the 19 initials, 21 medials and 27 finals, in Unicode order. Finals are the
// representative sound (RR writes a final by how it sounds at the end of a syllable).
constexpr std::array<std::string_view, kInitials> kRrInitial = {
    "g",  "kk", "n", "d",  "tt", "r", "m", "b", "pp", "s",
    "ss", "",   "j", "jj", "ch", "k", "t", "p", "h"};
constexpr std::array<std::string_view, kMedials> kRrMedial = {
    "a",  "ae", "ya", "yae", "eo", "e",  "yeo", "ye", "o",  "wa", "wae",
    "oe", "yo", "u",  "wo",  "we", "wi", "yu",  "eu", "ui", "i"};
constexpr std::array<std::string_view, kFinals> kRrFinal = {
    "",  "k", "k", "k", "n", "n", "n", "t",  "l", "k", "m", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};
// Compatibility consonants U+3131..U+314E, as letters on their own.
constexpr std::array<std::string_view, 30> kRrCompatConsonant = {
    "g",  "kk", "gs", "n",  "nj", "nh", "d",  "tt", "r", "lg", "lm", "lb", "ls", "lt", "lp",
    "lh", "m",  "b",  "pp", "bs", "s",  "ss", "",   "j", "jj", "ch", "k",  "t",  "p",  "h"};

bool IsSyllable(char32_t c) { return c >= kSyllableFirst && c <= kSyllableLast; }

// Decodes one UTF-8 code point at `s[i]`; returns it and sets `len`. An invalid sequence gives
// U+FFFD with len 1 (the byte is copied through by the caller).
char32_t DecodeUtf8(std::string_view s, size_t i, size_t* len) {
  const unsigned char b0 = static_cast<unsigned char>(s[i]);
  int extra = 0;
  char32_t c = 0;
  if (b0 < 0x80) {
    *len = 1;
    return b0;
  } else if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
    c = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
    c = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
    c = b0 & 0x07;
  } else {
    *len = 1;
    return 0xFFFD;
  }
  if (i + extra >= s.size()) {
    *len = 1;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    c = (c << 6) | (b & 0x3F);
  }
  *len = static_cast<size_t>(extra) + 1;
  return c;
}

// A decoded code point with the bytes it came from.
struct CodePoint {
  char32_t c;
  std::string_view bytes;
};

std::vector<CodePoint> Decode(std::string_view s) {
  std::vector<CodePoint> out;
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    const char32_t c = DecodeUtf8(s, i, &len);
    out.push_back({c, s.substr(i, len)});
    i += len;
  }
  return out;
}

// Composes conjoining jamo L V [T] into precomposed syllables (Unicode's arithmetic
// composition), so NFD text reads like NFC text.
std::vector<CodePoint> ComposeJamo(std::vector<CodePoint> in) {
  std::vector<CodePoint> out;
  for (size_t i = 0; i < in.size(); ++i) {
    const char32_t l = in[i].c;
    if (l >= kChoseongFirst && l < kChoseongFirst + kInitials && i + 1 < in.size()) {
      const char32_t v = in[i + 1].c;
      if (v >= kJungseongFirst && v < kJungseongFirst + kMedials) {
        char32_t s =
            kSyllableFirst + ((l - kChoseongFirst) * kMedials + (v - kJungseongFirst)) * kFinals;
        size_t used = 2;
        if (i + 2 < in.size()) {
          const char32_t t = in[i + 2].c;
          if (t > kJongseongFirst && t < kJongseongFirst + kFinals) {
            s += t - kJongseongFirst;
            used = 3;
          }
        }
        out.push_back({s, {}});
        i += used - 1;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

// RR of one precomposed syllable.
std::string RomanizeSyllable(char32_t s) {
  const int index = static_cast<int>(s - kSyllableFirst);
  std::string out(kRrInitial[index / (kMedials * kFinals)]);
  out += kRrMedial[(index / kFinals) % kMedials];
  out += kRrFinal[index % kFinals];
  return out;
}

// RR of a Hangul letter that is not part of a syllable; "" for archaic jamo.
std::string_view RomanizeJamo(char32_t c) {
  if (c >= kChoseongFirst && c < kChoseongFirst + kInitials) return kRrInitial[c - kChoseongFirst];
  if (c >= kJungseongFirst && c < kJungseongFirst + kMedials) return kRrMedial[c - kJungseongFirst];
  if (c > kJongseongFirst && c < kJongseongFirst + kFinals) return kRrFinal[c - kJongseongFirst];
  if (c >= 0x3131 && c <= 0x314E) return kRrCompatConsonant[c - 0x3131];
  if (c >= 0x314F && c <= 0x3163) return kRrMedial[c - 0x314F];
  return "";
}

// ---------------------------------------------------------------------------------------------
// Surname table.

struct SurnameIndex {
  std::vector<KoreanSurname> surnames;
  std::unordered_set<std::u32string> compound;        // two-syllable surnames, as code points
  std::unordered_map<std::string, std::string> keys;  // any spelling -> key of its RR form
};

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits on any of `separators`, dropping empty fields.
std::vector<std::string> Fields(std::string_view s, std::string_view separators) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of(separators, start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<KoreanSurname> ParseSurnames(std::string_view text) {
  std::vector<KoreanSurname> out;
  for (std::string_view written : TableLines(text)) {
    const std::string_view line = TrimSpaces(written);
    const std::vector<std::string> columns = Fields(line, "\t");
    if (columns.size() < 2) continue;
    KoreanSurname s;
    s.hangul = columns[0];
    s.rr = columns[1];
    if (columns.size() > 2) s.spellings = Fields(columns[2], " ");
    out.push_back(std::move(s));
  }
  return out;
}

std::string LetterKey(std::string_view token);

SurnameIndex BuildSurnameIndex() {
  SurnameIndex index;
  index.surnames = ParseSurnames(embedded::k_korean_surnames_tsv);
  for (const KoreanSurname& s : index.surnames) {
    std::u32string code_points;
    for (const CodePoint& cp : Decode(s.hangul)) code_points += cp.c;
    if (code_points.size() == 2) index.compound.insert(code_points);
    const std::string key = LetterKey(s.rr);
    if (key.empty()) continue;
    index.keys.emplace(s.rr, key);  // the first line that lists a spelling wins
    for (const std::string& spelling : s.spellings) index.keys.emplace(spelling, key);
  }
  return index;
}

const SurnameIndex& Surnames() {
  static const SurnameIndex index = BuildSurnameIndex();
  return index;
}

// ---------------------------------------------------------------------------------------------
// Reading a token as romanised syllables.

// Spellings of syllable parts over RR, McCune-Reischauer (marks stripped), the DPRK system and
// customary spellings. Used only to decide whether a token is Korean at all.
constexpr std::array<std::string_view, 32> kOnsets = {
    "",  "g", "k", "kk", "gg", "kh", "gh", "n",  "d",  "t", "tt", "dd", "th",  "r", "l", "rh",
    "m", "b", "p", "pp", "bb", "ph", "s",  "ss", "sh", "j", "jj", "ch", "tch", "z", "h", "wh"};
constexpr std::array<std::string_view, 37> kVowels = {
    "a",  "ae",  "ai", "ya", "yae", "eo",  "e",  "yeo", "ye",  "o",  "wa",  "wae", "oe",
    "oi", "yo",  "u",  "oo", "wo",  "weo", "we", "wi",  "wee", "yu", "yoo", "you", "eu",
    "ui", "eui", "i",  "ee", "yi",  "woo", "wu", "yea", "yeu", "ie", "ea"};
// Finals, each of which customary spellings may precede with a silent h or r ("ahn", "park").
constexpr std::array<std::string_view, 13> kCodas = {"",  "k",  "g", "ck", "n", "t", "d",
                                                     "l", "ll", "m", "p",  "b", "ng"};

bool StartsWithAt(std::string_view s, size_t at, std::string_view prefix) {
  // Letter by letter: the spellings are one to three letters, and a syllable search asks this
  // tens of times per letter of every listed Latin word (memcmp's call would cost more).
  if (s.size() - at < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k)
    if (s[at + k] != prefix[k]) return false;
  return true;
}

// True if `token` is a concatenation of onset + vowel + coda syllables.
bool ReadsAsSyllables(std::string_view token) {
  std::vector<bool> reached(token.size() + 1, false);
  reached[0] = true;
  for (size_t i = 0; i < token.size(); ++i) {
    if (!reached[i]) continue;
    for (std::string_view onset : kOnsets) {
      if (!StartsWithAt(token, i, onset)) continue;
      const size_t after_onset = i + onset.size();
      for (std::string_view vowel : kVowels) {
        if (!StartsWithAt(token, after_onset, vowel)) continue;
        const size_t after_vowel = after_onset + vowel.size();
        for (size_t mark = 0; mark <= 1; ++mark) {
          if (mark == 1 && !StartsWithAt(token, after_vowel, "h") &&
              !StartsWithAt(token, after_vowel, "r")) {
            continue;
          }
          for (std::string_view coda : kCodas) {
            if (StartsWithAt(token, after_vowel + mark, coda)) {
              reached[after_vowel + mark + coda.size()] = true;
            }
          }
        }
      }
    }
  }
  return reached[token.size()];
}

// ---------------------------------------------------------------------------------------------
// The key of the letters.

bool IsVowelLetter(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'w' || c == 'y';
}

// Vowel spellings -> class, longest first (the run is read greedily).
struct Rewrite {
  std::string_view from;
  std::string_view to;
};
constexpr std::array<Rewrite, 37> kVowelClasses = {{
    {"yeo", "yo"}, {"yeu", "yo"}, {"yae", "ye"}, {"yea", "ye"}, {"yoo", "yo"}, {"you", "yo"},
    {"wae", "we"}, {"weo", "wo"}, {"woo", "o"},  {"wee", "wi"}, {"eui", "i"},  {"ae", "e"},
    {"ai", "e"},   {"ya", "ya"},  {"eo", "o"},   {"ye", "ye"},  {"wa", "wa"},  {"oe", "we"},
    {"oi", "we"},  {"yo", "yo"},  {"oo", "o"},   {"wo", "wo"},  {"we", "we"},  {"wi", "wi"},
    {"yu", "yo"},  {"eu", "o"},   {"ui", "i"},   {"ee", "i"},   {"ie", "i"},   {"ea", "e"},
    {"yi", "i"},   {"wu", "o"},   {"a", "a"},    {"e", "e"},    {"i", "i"},    {"o", "o"},
    {"u", "o"},
}};

// Appends the classes of a run of vowel letters; false if a letter is left over ("w", "y").
bool AppendVowelRun(std::string_view run, std::string* out) {
  for (size_t i = 0; i < run.size();) {
    // o + eu (도은 "doeun") is far more common in names than oe + u, so "oeu" is read o|eu.
    if (StartsWithAt(run, i, "oeu")) {
      *out += 'o';
      i += 1;
      continue;
    }
    bool matched = false;
    for (const Rewrite& r : kVowelClasses) {
      if (StartsWithAt(run, i, r.from)) {
        *out += r.to;
        i += r.from.size();
        matched = true;
        break;
      }
    }
    if (!matched) return false;
  }
  return true;
}

constexpr std::array<Rewrite, 24> kConsonantClasses = {{
    {"tch", "j"}, {"ch", "j"}, {"sh", "s"}, {"ng", "nk"}, {"kh", "k"}, {"gh", "k"},
    {"th", "t"},  {"ph", "p"}, {"ck", "k"}, {"rh", "l"},  {"g", "k"},  {"k", "k"},
    {"d", "t"},   {"t", "t"},  {"b", "p"},  {"p", "p"},   {"j", "j"},  {"z", "j"},
    {"s", "s"},   {"r", "l"},  {"l", "l"},  {"n", "n"},   {"m", "m"},  {"h", "h"},
}};

// Appends the classes of a cluster of consonant letters; false on a letter no system uses.
bool AppendConsonantCluster(std::string_view cluster, std::string* out) {
  std::vector<std::string_view> classes;
  for (size_t i = 0; i < cluster.size();) {
    bool matched = false;
    for (const Rewrite& r : kConsonantClasses) {
      if (StartsWithAt(cluster, i, r.from)) {
        // "ng" is n + g: a final ng before a vowel is spelt like a final n before g
        // ("hyeongi" = "hyeon-gi" = "hyon'gi").
        if (r.to == "nk") {
          classes.push_back("n");
          classes.push_back("k");
        } else {
          classes.push_back(r.to);
        }
        i += r.from.size();
        matched = true;
        break;
      }
    }
    if (!matched) return false;
  }
  // Assimilations MR writes and RR does not (n+r -> ll, ng+r -> ngn, m+r -> mn), then tense
  // and doubled consonants -> one.
  std::vector<std::string_view> merged;
  for (std::string_view c : classes) {
    if (!merged.empty()) {
      const std::string_view prev = merged.back();
      if (prev == "n" && c == "l") {
        merged.back() = "l";
        continue;
      }
      if (prev == "l" && c == "n") continue;
      if ((prev == "k" || prev == "m") && c == "l") c = "n";
      if (prev == c) continue;
    }
    merged.push_back(c);
  }
  for (std::string_view c : merged) *out += c;
  return true;
}

// True if the vowel run starting at `s[at]` starts with i or y (where the South drops an
// initial r: 리 -> 이, 류 -> 유).
bool DropsInitialR(std::string_view s, size_t at) {
  return at < s.size() && (s[at] == 'i' || s[at] == 'y' || StartsWithAt(s, at, "ee"));
}

// The key of letters that read as syllables; "" if a run has no class.
std::string LetterKey(std::string_view token) {
  std::string s(token);
  // Customary "wh" is hw ("whang" = "hwang").
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] == 'w' && s[i + 1] == 'h' && IsVowelLetter(s[i + 2])) std::swap(s[i], s[i + 1]);
  }
  // Word-initial r/l: dropped before i/y (DPRK "ri", "ryu" = South "i", "yu"), n elsewhere
  // ("ro" = "no").
  if (s.size() >= 2 && s[0] == 'r' && s[1] == 'h') s.erase(1, 1);
  if (s.size() >= 2 && (s[0] == 'r' || s[0] == 'l')) {
    if (DropsInitialR(s, 1)) {
      s.erase(0, 1);
    } else {
      s[0] = 'n';
    }
  }
  std::string key;
  for (size_t i = 0; i < s.size();) {
    size_t j = i;
    const bool vowel = IsVowelLetter(s[i]);
    while (j < s.size() && IsVowelLetter(s[j]) == vowel) ++j;
    std::string_view run = std::string_view(s).substr(i, j - i);
    if (vowel) {
      if (!AppendVowelRun(run, &key)) return "";
    } else {
      // h or r after a vowel before a consonant or at the end is a customary spelling mark
      // ("ahn", "oh", "park", "hur"), never a Korean final.
      if (i > 0 && (run.front() == 'h' || run.front() == 'r') &&
          (run.size() > 1 || j == s.size())) {
        run.remove_prefix(1);
      }
      // r/l/n starting a syllable before i/y after a final other than n/l (those make ll, as
      // written: "hallim"): customary spellings write the syllable as it stands alone
      // ("Sam-yook" for 삼륙, "Sung-yong" for 승룡), MR and the DPRK write the sound
      // ("Sŭng-nyong"), RR the letter ("Seung-ryong"): all three meet without it.
      if (run.size() >= 2 && std::string_view("rln").find(run.back()) != std::string_view::npos &&
          DropsInitialR(s, j) &&
          std::string_view("nlr").find(run[run.size() - 2]) == std::string_view::npos) {
        run.remove_suffix(1);
      }
      if (!AppendConsonantCluster(run, &key)) return "";
    }
    i = j;
  }
  return key;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

bool IsHangul(char32_t c) {
  return IsSyllable(c) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3131 && c <= 0x318E) ||
         (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF);
}

std::string HangulToLatin(std::string_view utf8) {
  const std::vector<CodePoint> text = ComposeJamo(Decode(utf8));
  const SurnameIndex& surnames = Surnames();
  std::string out;
  // A run right after a surname written apart ("김 정은") is the given name: kept whole.
  bool after_surname = false;
  for (size_t i = 0; i < text.size();) {
    if (text[i].c == ' ') {
      out += ' ';
      ++i;
      continue;
    }
    if (!IsSyllable(text[i].c)) {
      after_surname = false;
      if (IsHangul(text[i].c)) {
        out += RomanizeJamo(text[i].c);
      } else {
        out += text[i].bytes;
      }
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsSyllable(text[j].c)) ++j;
    const size_t n = j - i;
    const bool compound =
        n >= 2 && surnames.compound.count(std::u32string{text[i].c, text[i + 1].c}) > 0;
    size_t surname_length = 0;  // syllables written apart as the surname
    if (n >= 2 && n <= 4 && !after_surname) {
      surname_length = compound ? 2 : 1;
      if (surname_length == n) surname_length = 0;  // only a compound surname
    }
    after_surname = !after_surname && (n == 1 || (n == 2 && compound));
    for (size_t k = i; k < j; ++k) {
      if (surname_length > 0 && k == i + surname_length) out += ' ';
      out += RomanizeSyllable(text[k].c);
    }
    i = j;
  }
  return out;
}

std::string KoreanSoundKey(std::string_view ascii_token) {
  if (ascii_token.empty()) return "";
  for (char c : ascii_token) {
    if (c < 'a' || c > 'z') return "";
  }
  const SurnameIndex& surnames = Surnames();
  if (auto it = surnames.keys.find(std::string(ascii_token)); it != surnames.keys.end()) {
    return it->second;
  }
  if (!ReadsAsSyllables(ascii_token)) return "";
  return LetterKey(ascii_token);
}

bool IsKoreanSyllableSpelling(std::string_view ascii_token) {
  // Every onset + vowel + (silent h or r) + final, and every surname spelling: ~46k strings,
  // enumerated once; then one lookup (the matcher asks this of listed words per comparison).
  static const FlatStringMap<bool> spellings = [] {
    FlatStringMap<bool> set;
    std::string syllable;
    for (std::string_view onset : kOnsets)
      for (std::string_view vowel : kVowels)
        for (std::string_view mark : {"", "h", "r"})
          for (std::string_view coda : kCodas) {
            syllable.assign(onset).append(vowel).append(mark).append(coda);
            set.Set(syllable, true);
          }
    for (const auto& [spelling, key] : Surnames().keys) set.Set(spelling, true);
    return set;
  }();
  return spellings.Contains(ascii_token);
}

const std::vector<KoreanSurname>& KoreanSurnames() { return Surnames().surnames; }

}  // namespace partyscreen
