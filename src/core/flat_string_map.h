// FlatStringMap: string -> value lookups on hot paths (every word of every query is weighed and
// checked against the stopword and legal-word tables). Open addressing over one flat array with
// the strings in one buffer: a lookup by string_view allocates nothing, divides nothing and
// reads one slot and one string. Insert-only (tables are built once, then read by any thread).
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

template <class V>
class FlatStringMap {
 public:
  // Sets the value of `key` (inserting it if new).
  void Set(std::string_view key, V value) {
    if (V* v = FindMutable(key)) {
      *v = std::move(value);
      return;
    }
    if ((count_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t h = Hash(key);
    size_t at = Home(h);
    while (slots_[at].hash != 0) at = (at + 1) & (slots_.size() - 1);
    slots_[at] = {h, static_cast<uint32_t>(chars_.size()), static_cast<uint32_t>(key.size()),
                  std::move(value)};
    chars_.append(key);
    ++count_;
  }
  const V* Find(std::string_view key) const {
    return const_cast<FlatStringMap*>(this)->FindMutable(key);
  }
  // The value of `key` to change while the table is built; nullptr if absent.
  V* FindMutable(std::string_view key) {
    if (slots_.empty()) return nullptr;
    const uint64_t h = Hash(key);
    for (size_t at = Home(h);; at = (at + 1) & (slots_.size() - 1)) {
      Slot& s = slots_[at];
      if (s.hash == 0) return nullptr;
      if (s.hash == h && std::string_view(chars_).substr(s.begin, s.size) == key) return &s.value;
    }
  }
  bool Contains(std::string_view key) const { return Find(key) != nullptr; }
  size_t size() const { return count_; }

 private:
  struct Slot {
    uint64_t hash = 0;             // 0: empty (hashes are odd)
    uint32_t begin = 0, size = 0;  // the key in chars_
    V value{};
  };
  static uint64_t Hash(std::string_view s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h | 1;
  }
  size_t Home(uint64_t h) const { return (h * 0x9E3779B97F4A7C15ull) >> shift_; }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    const size_t size = old.empty() ? 16 : old.size() * 2;
    slots_.assign(size, Slot{});
    shift_ = 64 - std::countr_zero(size);
    for (Slot& s : old) {
      if (s.hash == 0) continue;
      size_t at = Home(s.hash);
      while (slots_[at].hash != 0) at = (at + 1) & (size - 1);
      slots_[at] = std::move(s);
    }
  }

  std::vector<Slot> slots_;
  std::string chars_;
  size_t count_ = 0;
  int shift_ = 64;
};

}  // namespace partyscreen
