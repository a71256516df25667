// Reproduces, with ICU alone, the ThreadSanitizer report of tsan-2026-12-03-icu-nfkc.txt: threads
// that fetch ICU's NFKC singleton for the first time together and use it. ICU's once-init runs
// inside libicuuc (not instrumented), so TSan cannot see that the construction happens before the
// other threads' use. With STATIC=1 every thread fetches it through a function-local static
// compiled here (as translit/nfkc.h does), whose guard TSan sees.
//
//   g++ -std=c++20 -O1 -g -fsanitize=thread icu-nfkc-init-repro.cc -licuuc -o repro
//   for i in $(seq 20); do ./repro 2>&1 | grep -c "WARNING: ThreadSanitizer"; done
//   for i in $(seq 20); do STATIC=1 ./repro 2>&1 | grep -c "WARNING: ThreadSanitizer"; done
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

const icu::Normalizer2* Direct() {
  UErrorCode status = U_ZERO_ERROR;
  return icu::Normalizer2::getNFKCInstance(status);
}

const icu::Normalizer2* ThroughStatic() {
  static const icu::Normalizer2* const nfkc = Direct();
  return nfkc;
}

}  // namespace

int main() {
  const bool through_static = std::getenv("STATIC") != nullptr;
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      while (!go.load()) {
      }
      const icu::Normalizer2* nfkc = through_static ? ThroughStatic() : Direct();
      UErrorCode status = U_ZERO_ERROR;
      const icu::UnicodeString out =
          nfkc->normalize(icu::UnicodeString(u"M\u00fcller \uFB01"), status);
      (void)out;
    });
  go = true;
  for (std::thread& t : threads) t.join();
  return 0;
}
