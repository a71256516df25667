// Little-endian binary encoding for derived data kept on disk (the register index cache): a
// writer appending to a byte string and a bounds-checked reader. The reader never reads past its
// input: after the first short read it is failed(), returns zeros/empties, and stays failed, so a
// truncated or corrupt file is detected by checking failed() once at the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace partyscreen {

class BinaryWriter {
 public:
  template <class T>
  void Pod(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  void Str(std::string_view s) {
    Pod<uint64_t>(s.size());
    out_.append(s);
  }
  // Elements must have no padding (the bytes are written as they are in memory).
  template <class T, class Alloc>
  void PodVector(const std::vector<T, Alloc>& v) {
    static_assert(std::is_arithmetic_v<T> || std::has_unique_object_representations_v<T>);
    Pod<uint64_t>(v.size());
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void StrVector(const std::vector<std::string>& v) {
    Pod<uint64_t>(v.size());
    for (const std::string& s : v) Str(s);
  }
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

class BinaryReader {
 public:
  explicit BinaryReader(std::string_view in) : in_(in) {}

  template <class T>
  T Pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v{};
    if (!Take(sizeof(T))) return v;
    std::memcpy(&v, in_.data() + pos_ - sizeof(T), sizeof(T));
    return v;
  }
  std::string Str() { return std::string(StrView()); }
  // The same without a copy: valid as long as the input is.
  std::string_view StrView() {
    const uint64_t n = Count(1);
    if (!Take(n)) return {};
    return in_.substr(pos_ - n, n);
  }
  template <class T, class Alloc = std::allocator<T>>
  std::vector<T, Alloc> PodVector() {
    const uint64_t n = Count(sizeof(T));
    std::vector<T, Alloc> v;
    if (!Take(n * sizeof(T))) return v;
    v.resize(n);
    if (n) std::memcpy(v.data(), in_.data() + pos_ - n * sizeof(T), n * sizeof(T));
    return v;
  }
  std::vector<std::string> StrVector() {
    const uint64_t n = Count(sizeof(uint64_t));  // each string takes at least its length
    std::vector<std::string> v;
    if (failed_) return v;
    v.reserve(n);
    for (uint64_t i = 0; i < n && !failed_; ++i) v.push_back(Str());
    return v;
  }

  // Marks the input bad (a value read was out of range).
  void Fail() { failed_ = true; }
  bool failed() const { return failed_; }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  // A count of items of at least `min_item_bytes` each: fails if the rest cannot hold them.
  uint64_t Count(size_t min_item_bytes) {
    const uint64_t n = Pod<uint64_t>();
    if (failed_ || n > (in_.size() - pos_) / min_item_bytes) {
      failed_ = true;
      return 0;
    }
    return n;
  }
  bool Take(uint64_t n) {
    if (failed_ || n > in_.size() - pos_) {
      failed_ = true;
      return false;
    }
    pos_ += n;
    return true;
  }

  std::string_view in_;
  size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace partyscreen
