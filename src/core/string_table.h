// StringTable: many short strings in one buffer, addressed by index (an index's vocabulary). One
// allocation instead of one per string, the strings contiguous for the cache, and written to and
// read from disk as two arrays instead of millions of small strings. Append-only: the views
// operator[] returns stay valid until the next Append.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/binary_io.h"

namespace partyscreen {

class StringTable {
 public:
  // Appends `s` as string size() (the buffer holds at most 4 GiB in all).
  void Append(std::string_view s) {
    chars_.append(s);
    ends_.push_back(static_cast<uint32_t>(chars_.size()));
  }
  std::string_view operator[](size_t i) const {
    const uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(chars_).substr(begin, ends_[i] - begin);
  }
  size_t size() const { return ends_.size(); }
  // Prefetching string i from a table too large for the cache: its bounds first, a few steps
  // later (once they have arrived) its characters.
  void PrefetchBounds(size_t i) const { __builtin_prefetch(&ends_[i]); }
  void PrefetchChars(size_t i) const {
    __builtin_prefetch(chars_.data() + (i == 0 ? 0 : ends_[i - 1]));
  }
  size_t memory_bytes() const { return chars_.capacity() + ends_.capacity() * sizeof(uint32_t); }

  void Write(BinaryWriter& out) const {
    out.Str(chars_);
    out.PodVector(ends_);
  }
  // False (and a failed reader) unless the input is a table Write wrote: ends never decrease
  // and the last is the buffer's size, so no view can reach past the buffer.
  bool Read(BinaryReader& in) {
    chars_ = in.Str();
    ends_ = in.PodVector<uint32_t>();
    bool ok = !in.failed() && (ends_.empty() ? chars_.empty() : ends_.back() == chars_.size());
    for (size_t i = 1; ok && i < ends_.size(); ++i) ok = ends_[i - 1] <= ends_[i];
    if (!ok) {
      in.Fail();
      *this = StringTable();
    }
    return ok;
  }

 private:
  std::string chars_;
  std::vector<uint32_t> ends_;  // string i is chars_[ends_[i - 1] (0 for i = 0) .. ends_[i])
};

}  // namespace partyscreen
