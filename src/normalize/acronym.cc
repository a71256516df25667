#include "normalize/acronym.h"

#include <vector>

namespace partyscreen {

namespace {

constexpr size_t kMinCode = 2;
constexpr size_t kMaxCode = 8;
// An acronym takes the first letters or the first syllable of a word ("ex" of EXPLORATION, "gan"
// of GANADERAS), never most of it: "alborad" + "a" of "ALBORADA S.A." is the name, not a code.
constexpr size_t kMaxPart = 3;

// Searches spellings of code[at..] by prefixes of words[next..]; `used` counts words used so far
// (only "none", "one", "two or more" matter), `cut` whether one was cut short (two whole words
// joined, "TAIPEN" for "TAI PEN", are a spelling, not an acronym). `failed` remembers states
// already searched.
class Speller {
 public:
  Speller(std::string_view code, const std::vector<std::string_view>& words)
      : code_(code), words_(words), failed_((code.size() + 1) * (words.size() + 1) * 6, false) {}

  bool Spells(size_t at, size_t next, int used, bool cut) {
    if (at == code_.size()) return used >= 2 && cut;
    const size_t state =
        ((at * (words_.size() + 1) + next) * 3 + static_cast<size_t>(used)) * 2 + (cut ? 1 : 0);
    if (failed_[state]) return false;
    for (size_t w = next; w < words_.size(); ++w) {
      const std::string_view word = words_[w];
      for (size_t k = 1; k <= word.size() && k <= kMaxPart && at + k <= code_.size() &&
                         word[k - 1] == code_[at + k - 1];
           ++k) {
        if (Spells(at + k, w + 1, used < 2 ? used + 1 : 2, cut || k < word.size())) return true;
      }
    }
    failed_[state] = true;
    return false;
  }

 private:
  std::string_view code_;
  const std::vector<std::string_view>& words_;
  std::vector<bool> failed_;
};

}  // namespace

bool IsAcronymOf(std::string_view code, const std::vector<std::string_view>& words) {
  if (code.size() < kMinCode || code.size() > kMaxCode || words.size() < 2) return false;
  for (char c : code)
    if (c < 'a' || c > 'z') return false;
  return Speller(code, words).Spells(0, 0, 0, false);
}

}  // namespace partyscreen
