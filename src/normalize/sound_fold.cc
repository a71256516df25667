#include "normalize/sound_fold.h"

namespace partyscreen {

namespace {

bool StartsAt(std::string_view s, size_t i, std::string_view what) {
  return s.compare(i, what.size(), what) == 0;
}

// The letter a digit stands for inside a word ("hikv1s1on", "techn0l0gy"); 0 if none.
char LetterOfDigit(char d) {
  switch (d) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '8':
      return 'b';
    default:
      return 0;
  }
}

// `t` with its digits read as letters when it is a word written with them: every run of digits
// stands between two letters and every digit stands for a letter. Otherwise `t` unchanged
// ("3m", "nv5", "7th", "route66").
std::string_view DigitsAsLetters(std::string_view t, std::string* buffer) {
  auto is_letter = [](char c) { return c >= 'a' && c <= 'z'; };
  bool any = false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') continue;
    if (LetterOfDigit(t[i]) == 0) return t;
    if (i == 0 || !(is_letter(t[i - 1]) || (t[i - 1] >= '0' && t[i - 1] <= '9'))) return t;
    size_t end = i;
    while (end < t.size() && t[end] >= '0' && t[end] <= '9') ++end;
    if (end == t.size() || !is_letter(t[end])) return t;
    any = true;
  }
  if (!any) return t;
  buffer->assign(t);
  for (char& c : *buffer)
    if (c >= '0' && c <= '9') c = LetterOfDigit(c);
  return *buffer;
}

}  // namespace

std::string SoundFold(std::string_view word) {
  std::string letters;
  const std::string_view t = DigitsAsLetters(word, &letters);
  std::string out;
  out.reserve(t.size() + 2);
  size_t end = t.size();
  const bool off_ending = t.size() > 4 && t.ends_with("off");
  if (off_ending) end -= 3;
  for (size_t i = 0; i < end;) {
    const char c = t[i];
    if (StartsAt(t.substr(0, end), i, "dzh")) {
      out += 'j';
      i += 3;
      continue;
    }
    if (i + 1 < end) {
      const char n = t[i + 1];
      if ((c == 'd' && n == 'j') || (c == 'z' && n == 'h')) {
        out += 'j';
        i += 2;
        continue;
      }
      if (c == 'p' && n == 'h') {
        out += 'f';
        i += 2;
        continue;
      }
      if ((c == 'k' && n == 'h') || (c == 'c' && n == 'k')) {
        out += c == 'k' ? 'h' : 'k';
        i += 2;
        continue;
      }
      if (c == 'o' && (n == 'u' || n == 'o')) {
        out += 'u';
        i += 2;
        continue;
      }
      if (c == 'e' && n == 'e') {
        out += 'i';
        i += 2;
        continue;
      }
    }
    switch (c) {
      case 'y':
        out += 'i';
        break;
      case 'w':
        out += 'v';
        break;
      case 'q':
        out += 'k';
        break;
      case 'x':
        if (i == 0) {
          out += 's';
        } else {
          out += "ks";
        }
        break;
      default:
        out += c;
    }
    ++i;
  }
  if (off_ending) out += "ov";
  // Runs of one letter -> one letter.
  size_t w = 0;
  for (size_t r = 0; r < out.size(); ++r)
    if (w == 0 || out[r] != out[w - 1]) out[w++] = out[r];
  out.resize(w);
  return out;
}

}  // namespace partyscreen
