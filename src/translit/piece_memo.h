// A bounded memo from a name piece (UTF-8 bytes) to the string made of it: ToLatinAscii
// (transliterate.h) keeps one per thread so that a word repeated across a register ("Иван",
// "Мухаммад", "有限公司") goes through ICU once. Internal to src/normalize.
//
// Bounded and recency-aware at O(1) per call: entries live in two generations of at most
// capacity/2 each. A miss is computed and stored in the recent generation; a hit in the older
// generation is copied into the recent one. When the recent generation is full it becomes the
// older one and the previous older generation is dropped, so a piece used at least once in every
// capacity/2 distinct lookups stays, and at most `capacity` entries are ever held.
//
// Thread safety: none; one instance per thread (ToLatinAscii keeps it thread_local).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace partyscreen {

class PieceMemo {
 public:
  // `capacity` >= 2: most entries held at once.
  explicit PieceMemo(size_t capacity) : generation_capacity_(capacity < 2 ? 1 : capacity / 2) {}

  // The value of `key`: remembered, or compute(key) (a callable std::string(std::string_view)),
  // which is then remembered. The reference is valid until the next call.
  template <typename Compute>
  const std::string& GetOrCompute(std::string_view key, Compute&& compute) {
    if (auto it = recent_.find(key); it != recent_.end()) {
      ++hits_;
      return it->second;
    }
    if (auto it = older_.find(key); it != older_.end()) {
      ++hits_;
      return Remember(key, std::string(it->second));
    }
    ++misses_;
    return Remember(key, std::forward<Compute>(compute)(key));
  }

  size_t size() const { return recent_.size() + older_.size(); }
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, std::string, Hash, std::equal_to<>>;

  const std::string& Remember(std::string_view key, std::string value) {
    if (recent_.size() >= generation_capacity_) {
      older_ = std::move(recent_);
      recent_ = Map();
    }
    return recent_.emplace(std::string(key), std::move(value)).first->second;
  }

  const size_t generation_capacity_;
  Map recent_;  // at most generation_capacity_ entries
  Map older_;   // the previous recent_, at most generation_capacity_ entries
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

}  // namespace partyscreen
