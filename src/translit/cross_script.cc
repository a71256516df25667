#include "translit/cross_script.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <limits>

#include "translit/nfkc.h"

namespace partyscreen {

namespace {

// ---------------------------------------------------------------------------------------------
// UTF-8 decoding (no allocation; invalid bytes decode to U+FFFD one byte at a time).

char32_t DecodeUtf8(std::string_view s, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const int b = cont(k);
    if (b < 0) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | static_cast<char32_t>(b);
  }
  i += len;
  return cp;
}

// ---------------------------------------------------------------------------------------------
// AbjadToAscii tables.

bool IsArabicLetter(char32_t c) {
  return (c >= 0x0621 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D5 && c != 0x06D4) ||
         (c >= 0x06FA && c <= 0x06FF);
}
bool IsArabicMark(char32_t c) {  // vowel points, shadda, sukun, Quranic marks, tatweel
  return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         c == 0x0640 || (c >= 0x06D6 && c <= 0x06ED);
}
bool IsHebrewLetter(char32_t c) {
  return (c >= 0x05D0 && c <= 0x05EA) || (c >= 0x05F0 && c <= 0x05F2);
}
bool IsHebrewPoint(char32_t c) {
  return (c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 || c == 0x05C4 ||
         c == 0x05C5 || c == 0x05C7;
}
bool IsGeresh(char32_t c) {
  return c == 0x05F3 || c == '\'' || c == 0x2019 || c == 0x02BC || c == '`';
}

// ASCII for one Arabic-script letter. `word_final`: no letter of the word follows.
std::string_view ArabicLetterAscii(char32_t c, bool word_final) {
  switch (c) {
    case 0x0621:
      return "";  // hamza on the line: a glottal stop Latin rarely writes
    case 0x0622:
    case 0x0623:
    case 0x0627:
    case 0x0671:
    case 0x0672:
    case 0x0673:
    case 0x0675:
      return "a";
    case 0x0625:
      return "i";  // alef with hamza below: i/e
    case 0x0624:
    case 0x0676:
      return "w";
    case 0x0626:
    case 0x0678:
      return "y";
    case 0x0628:
      return "b";
    case 0x0629:
    case 0x06C3:
      return word_final ? "a" : "t";  // ta marbuta
    case 0x062A:
    case 0x0637:
    case 0x0679:
    case 0x067A:
    case 0x067B:
    case 0x067C:
    case 0x067D:
    case 0x069F:
      return "t";
    case 0x062B:
      return "th";
    case 0x062C:
    case 0x0683:
    case 0x0684:
      return "j";
    case 0x062D:
    case 0x0681:
    case 0x0682:
    case 0x0647:
    case 0x06BE:
    case 0x06C0:
    case 0x06C1:
    case 0x06C2:
    case 0x06FF:
      return "h";
    case 0x062E:
    case 0x0685:
      return "kh";
    case 0x062F:
    case 0x0636:
    case 0x0688:
    case 0x0689:
    case 0x068A:
    case 0x068B:
    case 0x068C:
    case 0x068D:
    case 0x068E:
    case 0x068F:
    case 0x0690:
    case 0x06EE:
      return "d";
    case 0x0630:
      return "dh";
    case 0x0631:
    case 0x0691:
    case 0x0692:
    case 0x0693:
    case 0x0694:
    case 0x0695:
    case 0x0696:
    case 0x0697:
    case 0x0699:
    case 0x06EF:
      return "r";
    case 0x0632:
    case 0x0638:
    case 0x069E:
      return "z";
    case 0x0698:
      return "zh";
    case 0x0633:
    case 0x0635:
    case 0x069A:
    case 0x069B:
    case 0x069D:
      return "s";
    case 0x0634:
    case 0x069C:
    case 0x06FA:
      return "sh";
    case 0x0639:
      return "e";  // ayin: kept visible, read as a vowel or nothing in Latin
    case 0x063A:
    case 0x06A0:
    case 0x06FC:
      return "gh";
    case 0x0641:
    case 0x06A1:
    case 0x06A2:
    case 0x06A3:
    case 0x06A5:
      return "f";
    case 0x06A4:
      return "v";
    case 0x06A6:
    case 0x067E:
      return "p";
    case 0x0642:
    case 0x066F:
    case 0x06A7:
    case 0x06A8:
      return "q";
    case 0x0643:
    case 0x063B:
    case 0x063C:
    case 0x06A9:
    case 0x06AA:
    case 0x06AB:
    case 0x06AC:
    case 0x06AD:
    case 0x06AE:
      return "k";
    case 0x06AF:
    case 0x06B0:
    case 0x06B1:
    case 0x06B2:
    case 0x06B3:
    case 0x06B4:
      return "g";
    case 0x0644:
    case 0x06B5:
    case 0x06B6:
    case 0x06B7:
    case 0x06B8:
      return "l";
    case 0x0645:
    case 0x06FE:
      return "m";
    case 0x0646:
    case 0x06B9:
    case 0x06BA:
    case 0x06BB:
    case 0x06BC:
    case 0x06BD:
      return "n";
    case 0x0648:
    case 0x0677:
    case 0x06C4:
    case 0x06C5:
    case 0x06C6:
    case 0x06C7:
    case 0x06C8:
    case 0x06C9:
    case 0x06CA:
    case 0x06CB:
    case 0x06CF:
      return "w";
    case 0x0649:
      return "a";  // alef maqsura
    case 0x064A:
    case 0x063D:
    case 0x063E:
    case 0x063F:
    case 0x06CC:
    case 0x06CD:
    case 0x06CE:
    case 0x06D0:
    case 0x06D1:
    case 0x06D2:
    case 0x06D3:
      return "y";
    case 0x0686:
    case 0x0687:
    case 0x06BF:
      return "ch";
    case 0x067F:
    case 0x0680:
      return "t";
    case 0x06D5:
      return "a";
    default:
      return "";
  }
}

// ASCII for one Hebrew letter; `geresh`: followed by a geresh (foreign sound).
std::string_view HebrewLetterAscii(char32_t c, bool geresh) {
  switch (c) {
    case 0x05D0:
      return "a";  // alef
    case 0x05D1:
      return "b";  // bet / vet
    case 0x05D2:
      return geresh ? "j" : "g";
    case 0x05D3:
      return geresh ? "dh" : "d";
    case 0x05D4:
      return "h";
    case 0x05D5:
      return "w";  // vav: o, u, v, w
    case 0x05D6:
      return geresh ? "zh" : "z";
    case 0x05D7:
      return geresh ? "kh" : "h";
    case 0x05D8:
      return "t";
    case 0x05D9:
      return "y";
    case 0x05DA:
      return "kh";  // final kaf is always khaf
    case 0x05DB:
      return "k";
    case 0x05DC:
      return "l";
    case 0x05DD:
    case 0x05DE:
      return "m";
    case 0x05DF:
    case 0x05E0:
      return "n";
    case 0x05E1:
      return "s";
    case 0x05E2:
      return geresh ? "gh" : "e";  // ayin, like the Arabic one
    case 0x05E3:
      return "f";  // final pe is always fe
    case 0x05E4:
      return "p";
    case 0x05E5:
    case 0x05E6:
      return geresh ? "ch" : "tz";
    case 0x05E7:
      return "k";
    case 0x05E8:
      return geresh ? "gh" : "r";  // ר׳ writes Arabic ghayn
    case 0x05E9:
      return "sh";
    case 0x05EA:
      return geresh ? "th" : "t";
    case 0x05F0:
      return "v";  // double vav ligature
    case 0x05F1:
      return "wy";
    case 0x05F2:
      return "y";  // double yod ligature
    default:
      return "";
  }
}

bool TakesGeresh(char32_t c) {
  return c == 0x05E8 || c == 0x05D2 || c == 0x05D3 || c == 0x05D6 || c == 0x05D7 || c == 0x05E2 ||
         c == 0x05E5 || c == 0x05E6 || c == 0x05EA;
}

// Arabic presentation forms (FB50-FDFF, FE70-FEFF) are folded by NFKC first.
bool NeedsNfkc(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const char32_t c = DecodeUtf8(s, i);
    if ((c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)) return true;
  }
  return false;
}

std::string Nfkc(std::string_view s) {
  const icu::Normalizer2* nfkc = NfkcNormalizer();
  if (nfkc == nullptr) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  icu::UnicodeString out = nfkc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string result;
  out.toUTF8String(result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Units: one char per sound. Lower-case letters stand for themselves; digraph sounds get
// upper-case codes: S sh, C ch (tsh), K kh, T th, D dh, G gh, Z zh, X ts, Q shch, J dzh; '9' ayin
// (abjad script side only); 'c' a Latin c (k, s or ts).

constexpr size_t kMaxUnits = kMaxCrossScriptUnits;
// Consonant classes kept in a key (see CrossScriptKey).
constexpr size_t kKeyConsonants = 3;

using Units = CrossScriptUnits;

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsLatinVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Letters of `token` (lower-cased), non-letters dropped, into `buf` (at most kMaxUnits + 4).
size_t Letters(std::string_view token, std::array<char, kMaxUnits + 4>& buf) {
  size_t n = 0;
  for (char c : token)
    if (IsAsciiLetter(c) && n < buf.size()) buf[n++] = Lower(c);
  return n;
}

bool Has(const std::array<char, kMaxUnits + 4>& b, size_t n, size_t i, std::string_view s) {
  if (i + s.size() > n) return false;
  for (size_t k = 0; k < s.size(); ++k)
    if (b[i + k] != s[k]) return false;
  return true;
}

// Script side: the transliteration of a word of `family`.
Units ParseScript(ScriptFamily family, std::string_view token) {
  std::array<char, kMaxUnits + 4> b;
  const size_t n = Letters(token, b);
  Units out;
  for (size_t i = 0; i < n;) {
    if (family == ScriptFamily::kCyrillic) {
      if (Has(b, n, i, "shch")) {
        out.Push('Q');
        i += 4;
        continue;
      }
      if (Has(b, n, i, "dzh")) {
        out.Push('J');
        i += 3;
        continue;
      }
      if (Has(b, n, i, "tsh")) {  // тш (BGN t·sh): t then sh, never ts then h
        out.Push('t');
        i += 1;
        continue;
      }
      if (Has(b, n, i, "ts")) {
        out.Push('X');
        i += 2;
        continue;
      }
    } else {
      if (Has(b, n, i, "tz")) {
        out.Push('X');
        i += 2;
        continue;
      }
      if (b[i] == 'e') {
        out.Push('9');
        ++i;
        continue;
      }  // ayin
      if (b[i] == 'o' || b[i] == 'u') {
        out.Push('w');
        ++i;
        continue;
      }
    }
    if (i + 1 < n && b[i + 1] == 'h') {
      char d = 0;
      switch (b[i]) {
        case 's':
          d = 'S';
          break;
        case 'c':
          d = 'C';
          break;
        case 'k':
          d = 'K';
          break;
        case 'z':
          d = 'Z';
          break;
        case 't':
          d = family == ScriptFamily::kAbjad ? 'T' : 0;
          break;
        case 'd':
          d = family == ScriptFamily::kAbjad ? 'D' : 0;
          break;
        case 'g':
          d = family == ScriptFamily::kAbjad ? 'G' : 0;
          break;
        default:
          break;
      }
      if (d) {
        out.Push(d);
        i += 2;
        continue;
      }
    }
    out.Push(b[i]);
    ++i;
  }
  return out;
}

// Latin side: digraphs read as one sound, x as k+s. When `from_ch` is given, bit i is set for a
// unit i read from the letters "ch" (the C of Polish cz, German tsch and English tch is not).
Units ParseLatin(std::string_view token, uint64_t* from_ch = nullptr) {
  static_assert(kMaxUnits <= 64, "one bit per unit");
  if (from_ch) *from_ch = 0;
  std::array<char, kMaxUnits + 4> b;
  const size_t n = Letters(token, b);
  Units out;
  for (size_t i = 0; i < n;) {
    if (Has(b, n, i, "shch")) {
      out.Push('Q');
      i += 4;
      continue;
    }
    if (Has(b, n, i, "tsch")) {
      out.Push('C');
      i += 4;
      continue;
    }
    if (Has(b, n, i, "sch")) {
      out.Push('S');
      i += 3;
      continue;
    }
    if (Has(b, n, i, "cch")) {  // Italian
      out.Push('k');
      i += 3;
      continue;
    }
    if (Has(b, n, i, "tch") || Has(b, n, i, "tsh") || Has(b, n, i, "tx")) {  // Basque tx
      out.Push('C');
      i += b[i + 1] == 'x' ? 2 : 3;
      continue;
    }
    if (Has(b, n, i, "dt")) {  // German -dt
      out.Push('t');
      i += 2;
      continue;
    }
    if (b[i] == 'j' && (i + 1 == n || !IsLatinVowel(b[i + 1]))) {
      out.Push('y');  // j not before a vowel writes the glide (Tiselj, Rijkaard)
      ++i;
      continue;
    }
    if (b[i] == 'c' && i + 1 == n && i > 0 && b[i - 1] == 'i') {
      out.Push('C');  // Slavic -ic written without the accent (-ić, -ič)
      ++i;
      continue;
    }
    if (b[i] == 'c' && i + 2 == n && b[i + 1] == 's' && i > 0 && b[i - 1] == 'i') {
      out.Push('C');  // Hungarian cs is ch: Slavic -ich spelt -ics (Petrovics = Петрович)
      i += 2;
      continue;
    }
    if (Has(b, n, i, "dzh")) {
      out.Push('J');
      i += 3;
      continue;
    }
    if (Has(b, n, i, "dg") && i + 2 < n && (b[i + 2] == 'e' || b[i + 2] == 'i')) {
      out.Push('J');
      i += 2;
      continue;
    }
    if (i + 1 < n) {
      const char a = b[i], c = b[i + 1];
      char d = 0;
      if (c == 'h') {
        switch (a) {
          case 'c':
            d = 'C';
            break;
          case 's':
            d = 'S';
            break;
          case 'z':
            d = 'Z';
            break;
          case 'k':
            d = 'K';
            break;
          case 't':
            d = 'T';
            break;
          case 'p':
            d = 'f';
            break;
          case 'g':
            d = 'G';
            break;
          case 'd':
            d = 'D';
            break;
          default:
            break;
        }
      } else if (a == 'c' && c == 'z') {
        d = 'C';
      } else if (a == 's' && c == 'z') {
        d = 'S';
      } else if (a == 'd' && c == 'j') {
        d = 'J';
      } else if (a == 't' && (c == 's' || c == 'z')) {
        d = 'X';
      } else if (a == 'c' && c == 'k') {
        d = 'k';
      }
      if (d) {
        if (from_ch && a == 'c' && c == 'h' && out.n < kMaxUnits) *from_ch |= uint64_t{1} << out.n;
        out.Push(d);
        i += 2;
        continue;
      }
    }
    if (b[i] == 'x') {
      out.Push('k');
      out.Push('s');
      ++i;
      continue;
    }
    out.Push(b[i]);
    ++i;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Costs, in hundredths. A table per family of directed (script unit, Latin unit) substitution
// costs; pairs not listed cost kMismatch.

constexpr int kMismatch = 100;
using CostTable = std::array<std::array<uint8_t, 128>, 128>;

struct Rule {
  char s;
  char l;
  uint8_t cost;
};

// Consonant equivalences that hold in both directions (a class the script or a romanisation
// cannot tell apart), and directed vowel rules, per family.
constexpr Rule kAbjadSymmetric[] = {
    // labials: Arabic has no p or v (b, f); Hebrew bet is b/v, pe p/f, vav v/w.
    {'b', 'p', 10},
    {'b', 'v', 20},
    {'f', 'v', 10},
    {'f', 'p', 20},
    {'v', 'w', 10},
    {'b', 'f', 60},
    // dentals: ت/ط t, ث th (s in Persian), د/ض d, ذ dh (z), ظ z/dh.
    {'t', 'T', 20},
    {'T', 's', 30},
    {'d', 'D', 20},
    {'D', 'z', 20},
    {'D', 'T', 20},
    {'d', 'z', 50},
    {'t', 'd', 60},
    // sibilants: س/ص s, ز z, ش sh, Hebrew ש sh/s, צ ts (German z, Slavic c).
    {'s', 'z', 30},
    {'s', 'S', 40},
    {'s', 'c', 10},
    {'X', 'c', 10},
    {'X', 'z', 15},
    {'X', 's', 30},
    {'X', 'C', 30},
    {'S', 'C', 30},
    {'S', 'Z', 30},
    {'Z', 'j', 20},
    {'z', 'Z', 40},
    // velars: ك k, ق q (g in the Gulf), خ kh (German ch, Spanish j), غ gh (foreign g, French r),
    // ج j (Egyptian g, foreign g).
    {'k', 'q', 10},
    {'k', 'c', 0},
    {'q', 'c', 10},
    {'q', 'g', 30},
    {'k', 'g', 35},
    {'k', 'K', 30},
    {'k', 'C', 30},
    {'K', 'h', 30},
    {'K', 'C', 15},
    {'K', 'j', 30},
    {'K', 'G', 40},
    {'g', 'G', 10},
    {'g', 'j', 15},
    {'g', 'J', 15},
    {'j', 'J', 0},
    {'G', 'r', 50},
    {'h', 'C', 50},
};

constexpr Rule kAbjadDirected[] = {
    // alef: long a, or any vowel at the start of a word.
    {'a', 'a', 0},
    {'a', 'e', 15},
    {'a', 'o', 30},
    {'a', 'i', 40},
    {'a', 'u', 40},
    {'a', 'y', 60},
    // alef with hamza below
    {'i', 'i', 0},
    {'i', 'e', 0},
    {'i', 'a', 40},
    {'i', 'y', 20},
    // waw: o, u, w, v
    {'w', 'o', 0},
    {'w', 'u', 0},
    {'w', 'w', 0},
    {'w', 'v', 15},
    {'w', 'f', 50},
    // ya: i, e, y, German j
    {'y', 'i', 0},
    {'y', 'e', 10},
    {'y', 'y', 0},
    {'y', 'j', 10},
    // ayin: any vowel
    {'9', 'a', 5},
    {'9', 'e', 5},
    {'9', 'i', 5},
    {'9', 'o', 5},
    {'9', 'u', 5},
    {'9', 'y', 20},
    {'9', 'G', 40},
    // a final h (ه, ة read as h) writes a vowel.
    {'h', 'a', 60},
    {'h', 'e', 60},
    // Hebrew double vav
    {'v', 'w', 5},
    {'v', 'v', 0},
};

constexpr Rule kCyrillicSymmetric[] = {
    {'v', 'w', 10},
    {'f', 'v', 25},
    {'k', 'c', 0},
    {'k', 'q', 10},
    {'s', 'c', 10},
    {'X', 'c', 10},
    {'X', 'z', 15},
    {'s', 'z', 25},
    {'s', 'X', 40},
    {'z', 'Z', 40},
    {'g', 'h', 30},
    {'K', 'h', 5},
    {'K', 'C', 20},
    {'K', 'j', 20},
    {'K', 'x', 20},
    {'g', 'G', 20},
    {'S', 'Q', 20},
    {'S', 'C', 40},
    {'C', 'Q', 30},
    {'S', 's', 40},
    {'C', 'c', 20},
    {'Z', 'j', 20},
    {'Z', 'g', 35},
    {'Z', 'J', 30},
    {'J', 'j', 5},
    {'J', 'g', 25},
    {'t', 'T', 10},
    {'d', 'T', 40},
    {'f', 'T', 50},
    {'z', 'T', 40},
    {'s', 'T', 35},
    {'k', 'K', 40},
    {'k', 'g', 60},
    {'t', 'd', 60},
    {'b', 'p', 60},
    {'g', 'K', 40},
    {'S', 'Z', 40},
    {'y', 'j', 10},
    {'i', 'j', 25},
    {'v', 'u', 40},
    // vowels
    {'a', 'o', 30},
    {'a', 'e', 35},
    {'e', 'i', 30},
    {'i', 'y', 10},
    {'o', 'u', 35},
    {'u', 'w', 20},
    {'e', 'o', 35},
    {'e', 'y', 35},
    {'a', 'i', 50},
    {'a', 'u', 50},
    {'e', 'u', 50},
    {'i', 'o', 50},
    {'i', 'u', 50},
    {'o', 'y', 50},
    {'u', 'y', 40},
    {'a', 'y', 50},
};

template <size_t N1, size_t N2>
constexpr CostTable MakeTable(const Rule (&sym)[N1], const Rule (&dir)[N2]) {
  CostTable t{};
  for (auto& row : t)
    for (auto& c : row) c = kMismatch;
  for (int c = 0; c < 128; ++c) t[c][c] = 0;
  for (const Rule& r : sym) {
    t[static_cast<unsigned char>(r.s)][static_cast<unsigned char>(r.l)] = r.cost;
    t[static_cast<unsigned char>(r.l)][static_cast<unsigned char>(r.s)] = r.cost;
  }
  for (const Rule& r : dir)
    t[static_cast<unsigned char>(r.s)][static_cast<unsigned char>(r.l)] = r.cost;
  return t;
}

constexpr Rule kNoRules[] = {{'a', 'a', 0}};
constexpr CostTable kAbjadCosts = MakeTable(kAbjadSymmetric, kAbjadDirected);
constexpr CostTable kCyrillicCosts = MakeTable(kCyrillicSymmetric, kNoRules);

// Cost of a script unit with no Latin counterpart.
int DeleteCost(ScriptFamily f, const Units& s, size_t i) {
  const char c = s.u[i];
  const bool last = i + 1 == s.n;
  const bool repeat = i > 0 && s.u[i - 1] == c;
  if (f == ScriptFamily::kAbjad) {
    if (c == '9') return 10;
    if (c == 'h') return last ? 15 : 70;
    if (repeat) return 10;  // יי, וו written out
    if (c == 'a' || c == 'i') return 70;
    // A written long vowel (و, ي) the Latin side has no vowel for says "another name" more
    // than a missing alef: حسين (Husayn) is not "Hassan".
    if (c == 'w' || c == 'y') return 90;
    return kMismatch;
  }
  if (c == 'y') {
    // BGN's glide in ya/ye/yu/yo (Latin often writes a, e, u, ia, iu) and the y of -iy/-yy.
    const bool next_vowel = !last && IsLatinVowel(s.u[i + 1]);
    const bool after_i = i > 0 && (s.u[i - 1] == 'i' || s.u[i - 1] == 'y');
    if (next_vowel || after_i) return 10;
    return 35;
  }
  if (repeat) return 10;
  if (IsLatinVowel(c)) return 60;
  // Russian writes a foreign name's first consonant: a Latin word without it is another name
  // (Христов is not Rostov).
  if (i == 0) return kMismatch + 50;
  return kMismatch;
}

// Cost of a Latin unit with no script counterpart.
int InsertCost(ScriptFamily f, const Units& l, size_t j) {
  const char c = l.u[j];
  const bool last = j + 1 == l.n;
  const char prev = j > 0 ? l.u[j - 1] : 0;
  const char next = last ? 0 : l.u[j + 1];
  const bool prev_vowel = IsLatinVowel(prev) || prev == 'y';
  if (j > 0 && prev == c && !IsLatinVowel(c)) return f == ScriptFamily::kAbjad ? 0 : 5;
  // A silent French final consonant, after a vowel or a nasal or r (Mousset = موسيه, Weygand =
  // ويغان, Michant = Мишан), as the key's other reading has it (which also asks a vowel before
  // the nasal or r; the cost reads one neighbour only, so that CrossScriptProbe's floors bound it).
  const bool silent_final = last && (prev_vowel || prev == 'n' || prev == 'r') &&
                            (c == 't' || c == 'd' || c == 's' || c == 'x' || c == 'z');
  if (f == ScriptFamily::kAbjad) {
    if (IsLatinVowel(c)) return 0;  // short vowels are not written
    if (c == 'y') return 10;
    if (c == 'h') return (prev_vowel && (last || !IsLatinVowel(next))) ? 15 : 70;
    if (c == 'w') return 50;
    if (c == 'G' && prev_vowel) return 50;
    if (silent_final) return 60;
    return kMismatch;
  }
  if (IsLatinVowel(c)) {
    if (c == 'e' && last && j > 0 && !prev_vowel) return 15;  // silent final e
    if (prev_vowel || IsLatinVowel(next)) return 20;          // digraphs ou, ee, ai, ea...
    return 45;
  }
  if (c == 'y') return 20;
  if (c == 'h') return j == 0 ? 60 : 30;
  if (c == 'G' && prev_vowel) return 20;  // silent gh (Laight)
  if (c == 'w' && prev_vowel) return 30;
  if (silent_final) return 60;
  return kMismatch;
}

// The Latin units two script units can be read as together, with their costs ("ts" as "tz").
struct PairReadings {
  char l[3] = {};
  int cost[3] = {};
  int n = 0;
};

PairReadings PairReadingsOf(ScriptFamily f, char s1, char s2) {
  if (s1 == 't' && s2 == 'S') return {{'C', 'c'}, {5, 25}, 2};
  if (s1 == 't' && s2 == 's') return {{'X', 'z', 'c'}, {5, 20, 15}, 3};
  if (s1 == 'd' && (s2 == 'j' || s2 == 'Z')) return {{'J', 'j', 'g'}, {5, 10, 25}, 3};
  if (f == ScriptFamily::kAbjad) {
    if (s1 == 'w' && s2 == 'w') return {{'v', 'w'}, {5, 5}, 2};
    if (s1 == 'y' && s2 == 'y') return {{'y', 'i', 'j'}, {5, 5, 5}, 3};
    if (s1 == 'k' && s2 == 's') return {{'x'}, {5}, 1};
  } else {
    if (s1 == 'i' && s2 == 'y') return {{'y', 'i'}, {5, 5}, 2};  // -iy: -y, -i
    // Japanese (Polivanov): дз is Hepburn z and, before i and in дзя/дзю/дзё, j.
    if (s1 == 'd' && s2 == 'z') return {{'j', 'z'}, {10, 10}, 2};
    // Chinese (Palladius): Pinyin zh is чж.
    if (s1 == 'C' && s2 == 'Z') return {{'Z'}, {10}, 1};
    // Dutch sch is сх (Schoeman = Схуман).
    if (s1 == 's' && s2 == 'K') return {{'S'}, {20}, 1};
    if (s1 == 'y' && s2 == 'y') return {{'y', 'i'}, {10, 10}, 2};  // -yy
    // Polish ck is цк (Potocka = Потоцкая), read by ParseLatin as the k of German ck.
    if (s1 == 'X' && s2 == 'k') return {{'k'}, {15}, 1};
  }
  return {};
}

// Cost of the pair reading of Latin unit l; -1 if none.
int PairCost(const PairReadings& r, char l) {
  for (int k = 0; k < r.n; ++k)
    if (r.l[k] == l) return r.cost[k];
  return -1;
}

// What the alignment reads of the script word whatever the Latin word: row i (i script units
// consumed, 1-based) deletes unit i-1 for erase[i-1] and, for i >= 2, may read units i-2 and i-1
// together as pair[i] (pair_rows lists those rows).
struct ScriptRows {
  std::array<int, kMaxUnits> erase{};
  std::array<PairReadings, kMaxUnits + 1> pair{};
  std::array<uint8_t, kMaxUnits + 1> pair_rows{};
  size_t pair_row_count = 0;
};
ScriptRows ScriptRowsOf(ScriptFamily f, const Units& s) {
  ScriptRows rows;
  for (size_t i = 0; i < s.n; ++i) rows.erase[i] = DeleteCost(f, s, i);
  for (size_t i = 2; i <= s.n; ++i) {
    rows.pair[i] = PairReadingsOf(f, s.u[i - 2], s.u[i - 1]);
    if (rows.pair[i].n > 0) rows.pair_rows[rows.pair_row_count++] = static_cast<uint8_t>(i);
  }
  return rows;
}

// The alignment cost table is read column by column, column j holding the cheapest ways to
// consume j Latin units and i script units (rows 0 .. n). Column 0 consumes script units only.
void FirstColumn(const ScriptRows& rows, size_t n, int* col) {
  col[0] = 0;
  for (size_t i = 1; i <= n; ++i) col[i] = col[i - 1] + rows.erase[i - 1];
}
// Column j from column j-1 (`prev`) into `cur`: Latin unit j-1 is `lc`, costing `ins` without a
// script counterpart and read_as[i-1] as script unit i-1. Returns the column's minimum. Every
// alignment passes through every column and no move costs less than nothing: once a column's
// minimum is above a limit, so is the whole cost.
int NextColumn(const ScriptRows& rows, size_t n, const uint8_t* read_as, char lc, int ins,
               const int* prev, int* cur) {
  // The moves from the previous column first (independent cells), then the deletions down the
  // column: the same minimum, without a dependency from one cell to the next in the first loop.
  cur[0] = prev[0] + ins;
  for (size_t i = 1; i <= n; ++i) cur[i] = std::min(prev[i - 1] + read_as[i - 1], prev[i] + ins);
  for (size_t r = 0; r < rows.pair_row_count; ++r) {
    const size_t i = rows.pair_rows[r];
    const int pc = PairCost(rows.pair[i], lc);
    if (pc >= 0) cur[i] = std::min(cur[i], prev[i - 2] + pc);
  }
  int column_min = cur[0];
  for (size_t i = 1; i <= n; ++i) {
    cur[i] = std::min(cur[i], cur[i - 1] + rows.erase[i - 1]);
    column_min = std::min(column_min, cur[i]);
  }
  return column_min;
}

// Minimal alignment cost (hundredths) of script units against Latin units; once that cost is
// known to exceed `give_up_above`, some value above it instead.
int AlignCost(ScriptFamily f, const Units& s, const Units& l,
              int give_up_above = std::numeric_limits<int>::max()) {
  const CostTable& table = f == ScriptFamily::kAbjad ? kAbjadCosts : kCyrillicCosts;
  const ScriptRows rows = ScriptRowsOf(f, s);
  std::array<std::array<int, kMaxUnits + 1>, 2> columns;
  int* prev = columns[0].data();
  int* cur = columns[1].data();
  FirstColumn(rows, s.n, prev);
  std::array<uint8_t, kMaxUnits> read_as;
  for (size_t j = 1; j <= l.n; ++j) {
    const unsigned char lc = static_cast<unsigned char>(l.u[j - 1]) & 0x7F;
    for (size_t i = 0; i < s.n; ++i)
      read_as[i] = table[static_cast<unsigned char>(s.u[i]) & 0x7F][lc];
    const int column_min = NextColumn(rows, s.n, read_as.data(), static_cast<char>(lc),
                                      InsertCost(f, l, j - 1), prev, cur);
    if (column_min > give_up_above) return column_min;
    std::swap(prev, cur);
  }
  return prev[s.n];
}

// The weight (in units) that divides the alignment cost.
double SimilarityWeight(ScriptFamily f, const Units& s, const Units& l) {
  if (f == ScriptFamily::kAbjad) {
    size_t n = 0;
    for (size_t i = 0; i < s.n; ++i) n += s.u[i] == '9' ? 0 : 1;
    return static_cast<double>(std::max<size_t>(n, 3));
  }
  return std::max(3.0, 0.5 * static_cast<double>(s.n + l.n));
}

double SimilarityOfCost(int cost, double weight) {
  return std::max(0.0, 1.0 - cost / (100.0 * weight));
}

// The largest alignment cost that still scores `at_least` at `weight` (SimilarityOfCost falls as
// the cost grows): an alignment may stop once it is sure to cost more.
int CostLimit(double at_least, double weight) {
  if (at_least <= 0) return std::numeric_limits<int>::max();
  int limit = static_cast<int>((1.0 - at_least) * 100.0 * weight) + 2;
  while (limit >= 0 && SimilarityOfCost(limit, weight) < at_least) --limit;
  return limit;
}

double Similarity(ScriptFamily f, const Units& s, const Units& l) {
  if (s.n == 0 || l.n == 0) return 0.0;
  return SimilarityOfCost(AlignCost(f, s, l), SimilarityWeight(f, s, l));
}

// Units without a leading article "al" (and "el", "ul" on the Latin side), when at least two
// consonants follow; otherwise `u` itself.
bool ArticleStripped(const Units& u, bool latin, Units& out) {
  if (u.n < 4 || u.u[1] != 'l') return false;
  const char a = u.u[0];
  if (!(a == 'a' || (latin && (a == 'e' || a == 'u')))) return false;
  int consonants = 0;
  for (size_t i = 2; i < u.n; ++i)
    consonants += IsLatinVowel(u.u[i]) || u.u[i] == 'y' || u.u[i] == 'w' || u.u[i] == '9' ? 0 : 1;
  if (consonants < 1) return false;
  out.n = 0;
  for (size_t i = 2; i < u.n; ++i) out.Push(u.u[i]);
  return true;
}

// Key class of one unit; 0 = dropped.
char AbjadClass(char c) {
  switch (c) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
    case 'w':
    case '9':
    case 'h':
      return 0;
    case 'b':  // Arabic has no p or v; Hebrew bet is b/v, pe p/f
    case 'p':
    case 'f':
    case 'v':
      return 'b';
    case 'T':
      return 't';
    case 'D':
      return 'd';
    case 'X':  // sibilants; z+h and s+h read as zh, sh must not change the key
    case 'c':  // c resolved by the caller
    case 'z':
    case 'S':
    case 'C':
    case 'Z':
      return 's';
    case 'j':  // velars: foreign g is written j, gh, k or q; Gulf q is g
    case 'J':
    case 'g':
    case 'G':
    case 'q':
    case 'K':
      return 'k';
    default:
      return c;
  }
}

char CyrillicClass(char c) {
  switch (c) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return 0;
    case 'w':
    case 'f':
    case 'v':
      return 'v';
    case 'T':
      return 't';
    case 'D':
      return 'd';
    case 'q':
      return 'k';
    case 'K':  // x, kh, h and foreign h written as g
    case 'G':
    case 'h':
      return 'g';
    case 'z':  // sibilants, one class: Japanese shi, chi, ji are written si, ti, dzi
    case 'X':
    case 'S':
    case 'C':
    case 'Q':
    case 'Z':
    case 'J':
      return 's';
    case 'j':  // the glide of most languages (Janka, Bjerkeset, Kotijew)
      return 0;
    default:
      return c;
  }
}

// Units a Cyrillic key leaves out although CyrillicClass gives them a class: sounds that one
// side writes in ways the other side's letters cannot tell from silence or from a vowel, so that
// the key merges them with nothing (a key that cannot tell must merge what it cannot tell).
// `c` is the unit u.u[i] as the key loop resolved it (Latin c read as s or k, ch as kh...).
bool CyrillicKeySkips(const Units& u, size_t i, char c, bool from_script) {
  const char next = i + 1 < u.n ? u.u[i + 1] : 0;
  switch (c) {
    // h, kh, gh, g: Russian writes a foreign h as х, as г (Гейне) or not at all (Spanish,
    // French silent h: Эрмосильо, Амер); Latin ch is х in German, Latin g before e/i is дж
    // (Italian, English) or ж (French); Latin h after a vowel is often silent.
    case 'h':
    case 'K':
    case 'G':
    case 'g':
      return true;
    // dzh, zh: Latin j is дж (English, Arabic), ж (French), й (German, Slavic, Nordic) or х
    // (Spanish); Latin j itself is already left out (CyrillicClass), so дж and ж must be too.
    case 'J':
    case 'Z':
      return true;
    // v, f, w: Latin w is в (German, Polish) or у, a vowel (English Wordsworth = Уордсуорт,
    // Walberg = Уолберг); ph/th/f/v drift into each other.
    case 'v':
    case 'f':
    case 'w':
      return true;
    default:
      break;
  }
  // Japanese in Russian (Polivanov): дзи is Hepburn ji (Fujitake = Фудзитакэ); ти is chi
  // (Michitaka = Мититака), so t and ch before i are left out on both sides.
  if (from_script && c == 'z' && i > 0 && u.u[i - 1] == 'd' && (next == 'i' || next == 'y'))
    return true;
  // (Before i and a vowel, ti is the soft т of Russian тю, тя: Tiurin = Тюрин; kept.)
  if ((c == 't' || c == 'C' || (!from_script && c == 'T')) && next == 'i' &&
      !(i + 2 < u.n && (IsLatinVowel(u.u[i + 2]) || u.u[i + 2] == 'y')))
    return true;
  // Latin ck is one k unit (German Becker = Беккер), Polish ck is цк (Potocki = Потоцкий): the ц
  // before к is left out.
  if (from_script && c == 'X' && next == 'k') return true;
  // German, Dutch and French ie is one i (Tiefenbach = Тифенбах, Thiers = Тьер): a Latin t or th
  // before ie is left out like one before i.
  if (!from_script && (c == 't' || c == 'T') && next == 'i' && i + 2 < u.n && u.u[i + 2] == 'e')
    return true;
  // Chinese in Russian (Palladius): Pinyin zh is чж (Zhizhi = Чжичжи): the ch before zh.
  if (from_script && c == 'C' && next == 'Z') return true;
  // German tz, Italian zz are written тц: the t before ц (Letzel = Леттцель, Fitzel = Фиттцель).
  if (from_script && c == 't' && next == 'X') return true;
  // German tsch is тш as often as ч (Tritscher = Тритшер): the t before sh.
  if (from_script && c == 't' && next == 'S') return true;
  // Italian sch/sc before e, i is sk (Meschini = Мескини), German sch is ш: the k of sk/shk
  // before a front vowel is left out on both sides.
  if (c == 'k' && i > 0 && (u.u[i - 1] == 's' || u.u[i - 1] == 'S') &&
      (next == 'i' || next == 'e' || next == 'y'))
    return true;
  return false;
}

}  // namespace

std::string AbjadToAscii(std::string_view utf8) {
  std::string normalised;
  if (NeedsNfkc(utf8)) {
    normalised = Nfkc(utf8);
    utf8 = normalised;
  }
  std::string out;
  out.reserve(utf8.size());
  // Decode once into code points so that each letter can look ahead.
  std::array<char32_t, 256> small;
  std::basic_string<char32_t> big;
  size_t n = 0;
  for (size_t i = 0; i < utf8.size();) {
    const char32_t c = DecodeUtf8(utf8, i);
    if (n < small.size()) {
      small[n++] = c;
    } else {
      if (big.empty()) big.assign(small.begin(), small.end());
      big.push_back(c);
      ++n;
    }
  }
  auto at = [&](size_t k) -> char32_t { return big.empty() ? small[k] : big[k]; };
  // Next code point that is not a mark of the same script, from index k.
  auto next_letter = [&](size_t k) -> size_t {
    while (k < n && (IsArabicMark(at(k)) || IsHebrewPoint(at(k)))) ++k;
    return k;
  };
  bool word_start = true;
  for (size_t k = 0; k < n; ++k) {
    const char32_t c = at(k);
    if (c < 0x80) {
      out += Lower(static_cast<char>(c));
      word_start = !IsAsciiLetter(static_cast<char>(c)) && !(c >= '0' && c <= '9');
      continue;
    }
    if (IsArabicMark(c) || IsHebrewPoint(c)) continue;
    if (c >= 0x0660 && c <= 0x0669) {
      out += static_cast<char>('0' + (c - 0x0660));
      word_start = false;
      continue;
    }
    if (c >= 0x06F0 && c <= 0x06F9) {
      out += static_cast<char>('0' + (c - 0x06F0));
      word_start = false;
      continue;
    }
    if (IsArabicLetter(c)) {
      const size_t nk = next_letter(k + 1);
      const bool word_final = nk >= n || !IsArabicLetter(at(nk));
      out += ArabicLetterAscii(c, word_final);
      word_start = false;
      continue;
    }
    if (IsHebrewLetter(c)) {
      size_t nk = next_letter(k + 1);
      bool geresh = false;
      if (nk < n && IsGeresh(at(nk))) {
        geresh = TakesGeresh(c);
        k = nk;  // consume the geresh
        nk = next_letter(k + 1);
      }
      const char32_t next = nk < n ? at(nk) : 0;
      if ((c == 0x05D5 || c == 0x05D9) && next == c) {
        // double vav (v/w) and double yod (y, ei, ai) written out.
        out += c == 0x05D5 ? "v" : "y";
        k = nk;
      } else {
        out += HebrewLetterAscii(c, geresh);
      }
      word_start = false;
      continue;
    }
    if (c == 0x05F3 || c == 0x05F4 || c == 0x2019 || c == 0x02BC) continue;  // stray geresh
    out += ' ';
    word_start = true;
  }
  (void)word_start;
  return out;
}

std::string_view StripArabicArticle(std::string_view token) {
  if (token.size() < 4 || token[0] != 'a' || token[1] != 'l') return token;
  int consonants = 0;
  for (size_t i = 2; i < token.size(); ++i) {
    const char c = token[i];
    if (IsAsciiLetter(c) && !IsLatinVowel(c) && c != 'y' && c != 'w') ++consonants;
  }
  return consonants >= 2 ? token.substr(2) : token;
}

namespace {

// The key class unit i reads as (0: none), in the normal or the other reading of the Latin
// letters whose sound the spelling leaves open; *consumed: how many units it took (2 for the
// script side's double waw).
char UnitReading(ScriptFamily family, const Units& u, size_t i, bool from_script,
                 bool other_reading, uint64_t from_ch, std::string_view ascii_token,
                 size_t* consumed) {
  *consumed = 1;
  char c = u.u[i];
  const char next = i + 1 < u.n ? u.u[i + 1] : 0;
  const bool last = next == 0;
  if (other_reading) {
    // Latin ch read as k (Greek and Italian words, German before a consonant: Nichols,
    // Nearchus, Chinaglia; Cyrillic writes it x: Pulcheria = Пульхерия), and a final -ic
    // read as -ik (Eric, Huneric: only Slavic -ić is -ич).
    if (c == 'C')
      c = family == ScriptFamily::kAbjad || (last && ascii_token.ends_with("ic")) ? 'k' : 'K';
    // French and English finals: a silent t, d, s, x or z after a vowel (Mousset = موسيه), and
    // after a nasal or r (Weygand = ويغان, Edouard = إدوار).
    if (last && i > 0 &&
        (IsLatinVowel(u.u[i - 1]) ||
         (i > 1 && (u.u[i - 1] == 'n' || u.u[i - 1] == 'r') && IsLatinVowel(u.u[i - 2]))) &&
        std::string_view("tdsxz").find(c) != std::string_view::npos)
      return 0;
    if (family == ScriptFamily::kAbjad) {
      // j as the glide of German, Scandinavian and Slavic spellings (Janko = يانكو, Bjelland).
      if (c == 'j') c = 'y';
      // w, and the Persian v, written with waw (Woodville = وودفيل, Velayati = ولايتي).
      if (c == 'w' || c == 'v') c = 'w';
    }
    // The Maghrebi article written into the name (Lamri = العمري, Lahbib = الحبيب).
    if (family == ScriptFamily::kAbjad && i == 0 && c == 'l' && u.n >= 3 &&
        (IsLatinVowel(next) || next == 'y'))
      return 0;
  }
  if (c == 'c') {
    // A final c after a vowel: s (Slavic -ac, -ec: Tomac = Томац), or k (Liliac, Nic).
    const bool final_after_vowel = last && i > 0 && IsLatinVowel(u.u[i - 1]) && !other_reading;
    // Italian cc before e, i is one affricate (Petacci, Pocci: Russian чч), like a single c.
    const char after = next == 'c' && i + 2 < u.n ? u.u[i + 2] : next;
    const char soft = family == ScriptFamily::kCyrillic ? after : next;
    c = (soft == 'e' || soft == 'i' || soft == 'y' || final_after_vowel) ? 's' : 'k';
  }
  // Latin h after a vowel and not before one is silent (German Dyhr, Wahrig).
  if (family == ScriptFamily::kCyrillic && c == 'h' && !from_script && i > 0 &&
      IsLatinVowel(u.u[i - 1]) && !IsLatinVowel(next))
    return 0;
  // Silent gh after a vowel (English -igh, -ough).
  if (c == 'G' && !from_script && i > 0 && (u.u[i - 1] == 'i' || u.u[i - 1] == 'u') &&
      (next == 0 || next == 't'))
    return 0;
  // Latin ch closing a syllable is mostly kh (German Bach, Albrecht; Dutch, Czech, Scots); the
  // Polish cz and German tsch closing one stay ch (Raczkiewicz = Рачкевич, Deutsch = Дойч).
  if (c == 'C' && !from_script && (from_ch >> i & 1) && i > 0 && IsLatinVowel(u.u[i - 1]) &&
      u.u[i - 1] != 'i' && !IsLatinVowel(next) && next != 'y' && next != 'C' && next != 'S')
    c = 'K';
  // Latin ch starting a word before r or l is k (Christian, Chrysostom, Chloe).
  if (c == 'C' && !from_script && i == 0 && (next == 'r' || next == 'l')) c = 'k';
  if (family == ScriptFamily::kCyrillic && c == 'd' && next != 0 && CyrillicClass(next) == 's')
    return 0;  // dz, dzh
  if (family == ScriptFamily::kAbjad && c == 't' && next != 0 && AbjadClass(next) == 's') return 0;
  if (family == ScriptFamily::kAbjad && c == 'd' && (next == 'j' || next == 'Z')) return 0;
  if (family == ScriptFamily::kCyrillic && c == 'd' && (next == 'Z' || next == 'J')) return 0;
  if (family == ScriptFamily::kAbjad && c == 'w' && next == 'w' && from_script) {
    c = 'v';  // ICU's double vav
    *consumed = 2;
  }
  if (family == ScriptFamily::kCyrillic && CyrillicKeySkips(u, i, c, from_script)) return 0;
  return family == ScriptFamily::kAbjad ? AbjadClass(c) : CyrillicClass(c);
}

// The key classes one unit may be read as (0: none): at most two first readings and the
// further ones of ExtraReadings (five at most), without allocating.
struct UnitReadings {
  std::array<char, 8> r{};
  size_t n = 0;
  void push_back(char k) { r[n++] = k; }
};

// Further readings of unit i that neither the normal nor the other reading gives (letters two
// scripts' spelling habits read three ways), appended to `out` (key classes, 0: none).
void ExtraReadings(ScriptFamily family, const Units& u, size_t i, bool from_script,
                   UnitReadings* out) {
  const char c = u.u[i];
  const char prev = i > 0 ? u.u[i - 1] : 0;
  const char next = i + 1 < u.n ? u.u[i + 1] : 0;
  // French final -ier: the r is silent (Daumier = Домье, דומייה).
  if (!from_script && c == 'r' && next == 0 && prev == 'e' && i >= 2 && u.u[i - 2] == 'i')
    out->push_back(0);
  if (family == ScriptFamily::kAbjad) {
    if (from_script) {
      // Double waw is w and a vowel as often as v (Woolfson = وولفسون); a waw beginning a word
      // is a consonant, the Hebrew v (Vasilevsky = וסילבסקי); kh is the h of Turkish and Persian
      // spellings (Halil = خليل); t before a sibilant, left out as the t of ch (تش), may be a t
      // (Kertesz = קרטס); d before g, left out as the d of dj, may be a d (Pidgeon = פידג'ן).
      if (c == 'w' && next == 'w') out->push_back(0);
      if (c == 'w' && i == 0 && next != 'w') out->push_back('b');
      if (c == 'K') out->push_back(0);
      if (c == 't' && next != 0 && AbjadClass(next) == 's') out->push_back('t');
      if (c == 'd' && next == 'g') out->push_back(0);
      return;
    }
    // Latin w is the v of German, Polish and Dutch spellings, written fa (Winograd = فينوغراد);
    // ch and kh are the Hebrew het and the Arabic ha, both written h (Zerach = זרח); a c before
    // e, i, y is the k of Latin and German spellings (Scipio = סקיפיו, Placidia); the g of
    // Italian and French gn is the glide ny (Giovagnoli = ג'ובניולי).
    if (c == 'w') out->push_back('b');
    if (c == 'C' || c == 'K') out->push_back(0);
    if (c == 'c' && (next == 'e' || next == 'i' || next == 'y')) out->push_back('k');
    if (c == 'g' && next == 'n' && i > 0) out->push_back(0);
    return;
  }
  // Cyrillic: t before i, left out for Polivanov's ti = chi, is also the t of Russian ти for a
  // foreign te, ti, ty (Steve = Стив); Latin th is т, с (Harith = Харис) or ф (Greek theta:
  // Leosthenes = Леосфен); Latin ch before i, left out likewise, is the French ch of ши; Latin
  // ch is the к of Italian and Greek spellings (Michelangelo = Микеланджело).
  if ((c == 't' || c == 'T') && next == 'i') out->push_back('t');
  if (!from_script && c == 'T') {
    out->push_back('s');
    out->push_back(0);
  }
  if (!from_script && c == 'C' && next == 'i') out->push_back('s');
  if (!from_script && c == 'C') out->push_back('k');
}

// The keys of a token: its letters all read the first way (UnitReading), all read the other way
// (Latin), then each letter with another reading (the other, ExtraReadings) read that way alone,
// the rest the first way (and for the further readings, also the rest the other way); a key
// without a leading article is followed by the key with it. At most kMaxCrossScriptKeys,
// distinct, in that order.
std::vector<std::string> KeysOf(ScriptFamily family, std::string_view ascii_token,
                                bool from_script) {
  uint64_t from_ch = 0;
  const Units u =
      from_script ? ParseScript(family, ascii_token) : ParseLatin(ascii_token, &from_ch);
  // Each unit's readings: [0] the first, [1] the other (the first again on the script side),
  // then its further ones; `consumed` units from each start (the double waw takes two).
  struct Readings : UnitReadings {
    size_t consumed = 1;
  };
  std::array<Readings, kMaxUnits> readings;
  for (size_t i = 0; i < u.n; ++i) {
    Readings& x = readings[i];
    x.push_back(UnitReading(family, u, i, from_script, false, from_ch, ascii_token, &x.consumed));
    size_t other_consumed = 1;
    x.push_back(from_script ? x.r[0]
                            : UnitReading(family, u, i, from_script, true, from_ch, ascii_token,
                                          &other_consumed));
    ExtraReadings(family, u, i, from_script, &x);
  }
  std::vector<std::string> keys;
  // One key: every unit read as its reading `base` (0 or 1), but unit `changed` as `reading`.
  constexpr size_t kNone = ~size_t{0};
  auto add_key = [&](int base, size_t changed, char reading) {
    if (keys.size() >= kMaxCrossScriptKeys) return;
    std::string key;
    for (size_t i = 0; i < u.n; i += readings[i].consumed) {
      const char k = i == changed ? reading : readings[i].r[static_cast<size_t>(base)];
      if (k != 0 && (key.empty() || key.back() != k)) key += k;
    }
    auto keep = [&](std::string k) {
      // Only the first consonants: word ends are where spellings drift most (silent French
      // finals, Latin -us, -dt, Slavic -ic/-ich...), and the similarity checks the rest.
      if (k.size() > kKeyConsonants) k.resize(kKeyConsonants);
      // A word with no consonant the key keeps (Geo = Джео, Howie = Хоуи): all such words
      // share one key of their own.
      if (k.empty()) k.push_back('_');
      if (keys.size() < kMaxCrossScriptKeys && std::find(keys.begin(), keys.end(), k) == keys.end())
        keys.push_back(std::move(k));
    };
    // A leading article: al-, el- (Egyptian romanisation), il-; on the script side alef or ayin
    // before l. Dropped on both sides alike, so Alwan (علوان) and Elena (إيلينا) still agree;
    // and kept, for the names that only begin alike (Elaine = אילין, Ildefons).
    if (family == ScriptFamily::kAbjad && key.size() >= 2 && key[0] == 'l' && u.n >= 2 &&
        u.u[1] == 'l' && (u.u[0] == 'a' || u.u[0] == 'e' || u.u[0] == 'i' || u.u[0] == '9'))
      keep(key.substr(1));
    keep(std::move(key));
  };
  add_key(0, kNone, 0);
  if (!from_script) add_key(1, kNone, 0);
  for (size_t i = 0; i < u.n; i += readings[i].consumed) {
    if (readings[i].r[1] != readings[i].r[0]) add_key(0, i, readings[i].r[1]);
    for (size_t e = 2; e < readings[i].n; ++e)
      for (int base = 0; base < (from_script ? 1 : 2); ++base) add_key(base, i, readings[i].r[e]);
  }
  return keys;
}

}  // namespace

std::vector<std::string> CrossScriptKeys(ScriptFamily family, std::string_view ascii_token,
                                         bool from_script) {
  return KeysOf(family, ascii_token, from_script);
}

double CrossScriptSimilarity(ScriptFamily family, std::string_view script_token,
                             std::string_view latin_token) {
  return CrossScriptSimilarity(family, ParseScript(family, script_token), ParseLatin(latin_token));
}

CrossScriptUnits ParseCrossScriptUnits(ScriptFamily family, std::string_view ascii_token,
                                       bool from_script) {
  return from_script ? ParseScript(family, ascii_token) : ParseLatin(ascii_token);
}

double CrossScriptSimilarity(ScriptFamily family, const Units& s, const Units& l) {
  double best = Similarity(family, s, l);
  if (family == ScriptFamily::kAbjad && best < 1.0) {
    Units s2, l2;
    const bool ss = ArticleStripped(s, false, s2);
    const bool ls = ArticleStripped(l, true, l2);
    if (ss) best = std::max(best, Similarity(family, s2, l));
    if (ls) best = std::max(best, Similarity(family, s, l2));
    if (ss && ls) best = std::max(best, Similarity(family, s2, l2));
  }
  return best;
}

double CrossScriptSimilarityAtLeast(ScriptFamily family, const Units& s, const Units& l,
                                    double at_least) {
  const double sim = CrossScriptSimilarity(family, s, l);
  return sim >= at_least ? sim : 0.0;
}

// ---------------------------------------------------------------------------------------------
// CrossScriptProbe: bounds of the alignment cost read from tables of the script word.
//
// Every alignment consumes each Latin unit once (an insertion, a substitution by some script
// unit, or the reading of a script pair) and each script unit once (a deletion, a substitution
// or a pair): the cheapest way each unit of one side could be consumed, summed over that side,
// is a lower bound of the cost. The Latin side's cheapest ways depend on the script word only
// (tabled per Latin unit here) and on the Latin unit's neighbours (insertion costs: tabled per
// family as the minimum over every neighbour, a doubled letter apart).

namespace {

// Unit codes that occur: letters and the digits ParseScript uses.
constexpr std::string_view kUnitCodes =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

struct InsertFloors {
  std::array<uint8_t, 128> single{};   // the cheapest insertion of c after anything but c
  std::array<uint8_t, 128> doubled{};  // ... of c right after another c
};

// The minimum of InsertCost over every neighbour pair (InsertCost reads the unit, the one before
// and the one after, and whether it is first or last: nothing else).
InsertFloors ComputeInsertFloors(ScriptFamily f) {
  InsertFloors floors;
  floors.single.fill(255);
  floors.doubled.fill(255);
  std::array<char, 1 + kUnitCodes.size()> neighbours{};  // 0: none (first or last)
  std::copy(kUnitCodes.begin(), kUnitCodes.end(), neighbours.begin() + 1);
  // Only unit codes occur in Latin units: the floors of other codes are never read.
  for (const char code : kUnitCodes) {
    const int c = static_cast<unsigned char>(code) & 0x7F;
    for (char prev : neighbours) {
      for (char next : neighbours) {
        Units u;
        if (prev != 0) u.Push(prev);
        const size_t j = u.n;
        u.Push(static_cast<char>(c));
        if (next != 0) u.Push(next);
        const int cost = std::min(InsertCost(f, u, j), 255);
        uint8_t& slot = prev == static_cast<char>(c) ? floors.doubled[c] : floors.single[c];
        slot = std::min<uint8_t>(slot, static_cast<uint8_t>(cost));
      }
    }
    floors.doubled[c] = std::min(floors.doubled[c], floors.single[c]);
  }
  return floors;
}

const InsertFloors& InsertFloorsOf(ScriptFamily f) {
  static const InsertFloors abjad = ComputeInsertFloors(ScriptFamily::kAbjad);
  static const InsertFloors cyrillic = ComputeInsertFloors(ScriptFamily::kCyrillic);
  return f == ScriptFamily::kAbjad ? abjad : cyrillic;
}

struct LetterMask {
  uint64_t lo = 0, hi = 0;
  void Add(char c) {
    const unsigned b = static_cast<unsigned char>(c) & 0x7F;
    (b < 64 ? lo : hi) |= uint64_t{1} << (b & 63);
  }
  bool Meets(const LetterMask& o) const { return (lo & o.lo) != 0 || (hi & o.hi) != 0; }
};

}  // namespace

// The columns of the last Latin word aligned (one cache for the words as given, one for them
// without their article): a sorted candidate list shares prefixes, and a column depends only on
// the Latin units up to the next one (InsertCost reads a neighbour on each side).
struct CrossScriptProbe::Columns {
  Units latin;
  size_t computed = 0;  // columns 0 .. computed-1 are exact
  std::array<std::array<int, kMaxUnits + 1>, kMaxUnits + 1> col;  // col[j][i]; not zeroed
  std::array<int, kMaxUnits + 1> floor;  // the largest column minimum among columns 0 .. j
};

struct CrossScriptProbe::Side {
  Units units;
  double abjad_weight = 0;  // the similarity's weight against any Latin word (abjads)
  int abjad_limit = 0;      // the largest cost reaching at_least at that weight
  // Latin side: the cheapest way to consume Latin unit c, alone or doubled.
  std::array<uint8_t, 128> latin_floor{}, latin_floor_doubled{};
  // Script side, per unit that cannot be part of a pair: the Latin letters it reads as for free
  // and for less than its deletion, the cheapest non-free reading, and its deletion.
  struct ScriptUnit {
    LetterMask free, cheaper;
    int cheapest_paid = 0, erase = 0;
  };
  std::array<ScriptUnit, kMaxUnits> script{};
  size_t script_count = 0;
  // The alignment, read column by column (one column per Latin unit): what does not depend on
  // the Latin word, tabled once.
  ScriptRows rows;
  // read_as[c][i-1]: the cost of reading units[i-1] as Latin unit c (the cost table's column c
  // in the word's order, so that a column of the alignment reads it front to back).
  std::array<std::array<uint8_t, kMaxUnits>, 128> read_as;
  // The columns of the last Latin words aligned: as given, and without their article.
  mutable Columns as_given, without_article;
};

namespace {

// What a script unit's row of the cost table says, independent of the word: the Latin letters it
// reads as for free, its cheapest paid reading, and for each deletion cost DeleteCost can give,
// the letters it reads as for less than that.
constexpr int kEraseLevels[] = {10, 15, 35, 60, 70, 90, kMismatch};
struct RowFacts {
  LetterMask free;
  int cheapest_paid = std::numeric_limits<int>::max();
  std::array<LetterMask, std::size(kEraseLevels)> cheaper_than_level;
};
using FamilyRowFacts = std::array<RowFacts, 128>;

FamilyRowFacts ComputeRowFacts(const CostTable& table) {
  FamilyRowFacts facts;
  for (int code = 0; code < 128; ++code) {
    RowFacts& f = facts[code];
    for (int c = 0; c < 128; ++c) {
      const int cost = table[code][c];
      if (cost == 0) f.free.Add(static_cast<char>(c));
      if (cost > 0) f.cheapest_paid = std::min(f.cheapest_paid, cost);
      for (size_t level = 0; level < std::size(kEraseLevels); ++level)
        if (cost < kEraseLevels[level]) f.cheaper_than_level[level].Add(static_cast<char>(c));
    }
  }
  return facts;
}

const FamilyRowFacts& RowFactsOf(ScriptFamily f) {
  static const FamilyRowFacts abjad = ComputeRowFacts(kAbjadCosts);
  static const FamilyRowFacts cyrillic = ComputeRowFacts(kCyrillicCosts);
  return f == ScriptFamily::kAbjad ? abjad : cyrillic;
}

}  // namespace

CrossScriptProbe::CrossScriptProbe(ScriptFamily family, const CrossScriptUnits& script,
                                   double at_least)
    : family_(family), at_least_(at_least) {
  auto prepare = [&](const Units& s) {
    // Not value-initialised: the column caches are written before they are read.
    auto side = std::unique_ptr<Side>(new Side);
    side->units = s;
    side->abjad_weight = SimilarityWeight(family, s, Units{});
    side->abjad_limit = CostLimit(at_least, side->abjad_weight);
    const CostTable& table = family == ScriptFamily::kAbjad ? kAbjadCosts : kCyrillicCosts;
    const InsertFloors& floors = InsertFloorsOf(family);
    const FamilyRowFacts& row_facts = RowFactsOf(family);
    std::array<bool, kMaxUnits> paired{};
    // The cheapest way to consume each Latin letter: an insertion, a reading of one of the
    // word's units (each distinct unit's row once), or a reading of one of its pairs.
    std::array<uint8_t, 128> best = floors.single;
    std::array<bool, 128> row_read{};
    for (size_t i = 0; i < s.n; ++i) {
      const unsigned char code = static_cast<unsigned char>(s.u[i]) & 0x7F;
      if (row_read[code]) continue;
      row_read[code] = true;
      const auto& row = table[code];
      for (int c = 0; c < 128; ++c) best[c] = std::min(best[c], row[c]);
    }
    for (size_t i = 1; i < s.n; ++i) {
      const PairReadings r = PairReadingsOf(family, s.u[i - 1], s.u[i]);
      if (r.n == 0) continue;
      paired[i - 1] = paired[i] = true;
      for (int k = 0; k < r.n; ++k) {
        uint8_t& b = best[static_cast<unsigned char>(r.l[k]) & 0x7F];
        b = static_cast<uint8_t>(std::min<int>(b, r.cost[k]));
      }
    }
    side->latin_floor = best;
    side->rows = ScriptRowsOf(family, s);
    for (const char code : kUnitCodes) {  // only unit codes occur in Latin units
      const unsigned char c = static_cast<unsigned char>(code) & 0x7F;
      for (size_t i = 0; i < s.n; ++i)
        side->read_as[c][i] = table[static_cast<unsigned char>(s.u[i]) & 0x7F][c];
    }
    for (int c = 0; c < 128; ++c)
      side->latin_floor_doubled[c] = std::min(best[c], floors.doubled[c]);
    for (size_t i = 0; i < s.n; ++i) {
      if (paired[i]) continue;  // a pair's cost is shared: it counts nothing here
      Side::ScriptUnit& su = side->script[side->script_count++];
      su.erase = DeleteCost(family, s, i);
      const unsigned char code = static_cast<unsigned char>(s.u[i]) & 0x7F;
      const RowFacts& facts = row_facts[code];
      su.free = facts.free;
      su.cheapest_paid = std::min(su.erase, facts.cheapest_paid);
      const int* level = std::find(std::begin(kEraseLevels), std::end(kEraseLevels), su.erase);
      if (level != std::end(kEraseLevels)) {
        su.cheaper = facts.cheaper_than_level[static_cast<size_t>(level - kEraseLevels)];
      } else {  // a deletion cost the facts were not tabled for
        for (int c = 0; c < 128; ++c)
          if (table[code][c] < su.erase) su.cheaper.Add(static_cast<char>(c));
      }
    }
    return side;
  };
  whole_ = prepare(script);
  Units stripped;
  if (family == ScriptFamily::kAbjad && ArticleStripped(script, false, stripped))
    stripped_ = prepare(stripped);
}

CrossScriptProbe::~CrossScriptProbe() = default;
CrossScriptProbe::CrossScriptProbe(CrossScriptProbe&&) noexcept = default;
CrossScriptProbe& CrossScriptProbe::operator=(CrossScriptProbe&&) noexcept = default;

size_t CrossScriptProbe::ReusableColumns(const Columns& c, const Units& l) {
  // Column j (j Latin units consumed) reads Latin units 0 .. j (the next one through InsertCost)
  // and whether unit j-1 is the last: the columns before the first unit where l and the cached
  // word differ are the cached ones (column 0 reads no Latin unit at all).
  size_t same = 0;
  const size_t both = std::min(c.latin.n, l.n);
  while (same < both && c.latin.u[same] == l.u[same]) ++same;
  return std::min(c.computed, std::max<size_t>(same, 1));
}

double CrossScriptProbe::BoundedSimilarity(const Side& side, const CrossScriptUnits& l,
                                           bool stripped_latin) const {
  const Units& s = side.units;
  if (s.n == 0 || l.n == 0) return 0.0;
  const double weight =
      family_ == ScriptFamily::kAbjad ? side.abjad_weight : SimilarityWeight(family_, s, l);
  const int limit =
      family_ == ScriptFamily::kAbjad ? side.abjad_limit : CostLimit(at_least_, weight);
  // Every alignment passes through every column and no move costs less than nothing: a cached
  // column of a word beginning alike whose every cell is above the limit settles it first.
  const Columns& cache = stripped_latin ? side.without_article : side.as_given;
  const size_t reuse = ReusableColumns(cache, l);
  if (reuse > 0 && cache.floor[reuse - 1] > limit) return 0.0;
  int latin = 0;
  LetterMask letters;
  for (size_t j = 0; j < l.n; ++j) {
    const unsigned char c = static_cast<unsigned char>(l.u[j]) & 0x7F;
    latin += (j > 0 && l.u[j - 1] == l.u[j]) ? side.latin_floor_doubled[c] : side.latin_floor[c];
    letters.Add(l.u[j]);
  }
  int script = 0;
  for (size_t i = 0; i < side.script_count; ++i) {
    const Side::ScriptUnit& su = side.script[i];
    script += su.free.Meets(letters) ? 0 : su.cheaper.Meets(letters) ? su.cheapest_paid : su.erase;
  }
  if (std::max(latin, script) > limit) return 0.0;
  const int cost = ColumnAlignCost(side, stripped_latin, l, limit, reuse);
  return cost > limit ? 0.0 : SimilarityOfCost(cost, weight);
}

int CrossScriptProbe::ColumnAlignCost(const Side& side, bool stripped_latin, const Units& l,
                                      int limit, size_t reuse) const {
  Columns& c = stripped_latin ? side.without_article : side.as_given;
  // AlignCost, from the first column the cache does not hold.
  const Units& s = side.units;
  c.latin = l;
  c.computed = reuse;
  if (c.computed == 0) {
    FirstColumn(side.rows, s.n, c.col[0].data());
    c.floor[0] = 0;
    c.computed = 1;
  }
  for (size_t j = c.computed; j <= l.n; ++j) {
    const unsigned char lc = static_cast<unsigned char>(l.u[j - 1]) & 0x7F;
    const int column_min =
        NextColumn(side.rows, s.n, side.read_as[lc].data(), static_cast<char>(lc),
                   InsertCost(family_, l, j - 1), c.col[j - 1].data(), c.col[j].data());
    c.floor[j] = std::max(c.floor[j - 1], column_min);
    c.computed = j + 1;
    if (column_min > limit) return column_min;
  }
  return c.col[l.n][s.n];
}

double CrossScriptProbe::SimilarityTo(const CrossScriptUnits& l) const {
  // CrossScriptSimilarity's variants, each bounded first.
  double best = BoundedSimilarity(*whole_, l, false);
  if (family_ == ScriptFamily::kAbjad && best < 1.0) {
    Units l2;
    const bool ls = ArticleStripped(l, true, l2);
    if (stripped_) best = std::max(best, BoundedSimilarity(*stripped_, l, false));
    if (ls) best = std::max(best, BoundedSimilarity(*whole_, l2, true));
    if (stripped_ && ls) best = std::max(best, BoundedSimilarity(*stripped_, l2, true));
  }
  return best >= at_least_ ? best : 0.0;
}

}  // namespace partyscreen
