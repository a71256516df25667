#include "normalize/sound_fold.h"

namespace partyscreen {

namespace {

bool StartsAt(std::string_view s, size_t i, std::string_view what) {
  return s.compare(i, what.size(), what) == 0;
}

}  // namespace

std::string SoundFold(std::string_view t) {
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
