#include "match/word_segmenter.h"

#include <algorithm>
#include <vector>

namespace partyscreen {

namespace {

constexpr size_t kMinWord = 3;
constexpr size_t kMaxWord = 30;

bool Letters(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

void WordSegmenter::Add(std::string_view word) {
  if (word.size() >= kMinWord && word.size() <= kMaxWord && Letters(word)) words_.emplace(word);
}

std::optional<std::string> WordSegmenter::Segment(std::string_view word) const {
  if (word.size() < kMinSegmentableLength || !Letters(word)) return std::nullopt;
  const size_t n = word.size();
  constexpr size_t kNone = SIZE_MAX;
  std::vector<size_t> pieces(n + 1, kNone), from(n + 1, 0);  // best cover of word[0, i)
  pieces[0] = 0;
  std::string piece;
  for (size_t end = kMinWord; end <= n; ++end) {
    for (size_t begin = end >= kMaxWord ? end - kMaxWord : 0; begin + kMinWord <= end; ++begin) {
      if (pieces[begin] == kNone || pieces[begin] + 1 >= pieces[end]) continue;
      piece.assign(word.substr(begin, end - begin));
      if (!words_.count(piece)) continue;
      pieces[end] = pieces[begin] + 1;
      from[end] = begin;
    }
  }
  if (pieces[n] == kNone || pieces[n] < 2) return std::nullopt;
  std::vector<std::string_view> parts;
  for (size_t end = n; end > 0; end = from[end])
    parts.push_back(word.substr(from[end], end - from[end]));
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!out.empty()) out += ' ';
    out += *it;
  }
  return out;
}

}  // namespace partyscreen
