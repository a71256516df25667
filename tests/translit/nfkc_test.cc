// NfkcNormalizer fetched first from many threads at once, in a process where nothing has made
// ICU's NFKC instance before: the case ThreadSanitizer reported when ICU's own once-init was
// called from Screener::Build's workers (docs/HARDENING.md, "Twenty-sixth session";
// scripts/test-tsan.sh runs this binary). Its one test must stay alone in this file: an earlier
// test would make the instance first.
#include "translit/nfkc.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace partyscreen {
namespace {

TEST(NfkcNormalizerTest, FirstUseFromManyThreadsGivesOneInstanceThatNormalises) {
  constexpr int kThreads = 8;
  std::atomic<bool> go{false};
  std::vector<const icu::Normalizer2*> fetched(kThreads, nullptr);
  std::vector<std::string> normalised(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      const icu::Normalizer2* nfkc = NfkcNormalizer();
      fetched[t] = nfkc;
      if (nfkc == nullptr) return;
      UErrorCode status = U_ZERO_ERROR;
      // The fi ligature, a circled digit and a full-width letter: compatibility forms.
      const icu::UnicodeString out =
          nfkc->normalize(icu::UnicodeString::fromUTF8("\uFB01\u2460\uFF21"), status);
      if (U_SUCCESS(status)) out.toUTF8String(normalised[t]);
    });
  }
  go.store(true, std::memory_order_release);
  for (std::thread& t : threads) t.join();
  ASSERT_NE(fetched[0], nullptr) << "ICU could not load its normalisation data";
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(fetched[t], fetched[0]) << "thread " << t;
    EXPECT_EQ(normalised[t], "fi1A") << "thread " << t;
  }
}

}  // namespace
}  // namespace partyscreen
