// The fallback for a name written without spaces ("alexandervyacheslavovichzakharov"): split one
// long Latin word into words the lists use ("alexander vyacheslavovich zakharov").
//
// The vocabulary is every normalised Latin word of 3+ letters of the indexed names. Segment
// returns the split into the fewest such words (each 3-30 letters; ties: the longest last
// word), or nullopt when the word is shorter than kMinSegmentableLength, holds anything but
// a-z, or cannot be covered. The Screener uses it only when the one-word query found nothing.
// Thread safety: immutable after construction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace partyscreen {

inline constexpr size_t kMinSegmentableLength = 12;

class WordSegmenter {
 public:
  void Add(std::string_view word);  // while building; ignored unless 3-30 letters a-z
  std::optional<std::string> Segment(std::string_view word) const;
  size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

}  // namespace partyscreen
