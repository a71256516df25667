// API keys, token buckets and path redaction: the security pieces of the server in isolation.
#include "server/auth.h"

#include <gtest/gtest.h>

#include "server/engine_holder.h"
#include "server/rate_limit.h"

namespace partyscreen::server {
namespace {

constexpr char kKeys[] =
    "# production keys\n"
    "onboarding:onb-0123456789abcdef\n"
    "\n"
    "admin:ops:ops-0123456789abcdef\n"
    "admin:adm-0123456789abcdef\n";

TEST(ApiKeyRing, ParsesNamesAdminMarkerAndAdminName) {
  auto ring = ApiKeyRing::Parse(kKeys, '\n', "keys.txt");
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  EXPECT_EQ(ring->size(), 3u);
  auto onboarding = ring->Authenticate("Bearer onb-0123456789abcdef", "");
  ASSERT_TRUE(onboarding);
  EXPECT_EQ(onboarding->key_name, "onboarding");
  EXPECT_FALSE(onboarding->admin);
  auto ops = ring->Authenticate("", "ops-0123456789abcdef");
  ASSERT_TRUE(ops);
  EXPECT_EQ(ops->key_name, "ops");
  EXPECT_TRUE(ops->admin);
  auto admin = ring->Authenticate("ApiKey adm-0123456789abcdef", "");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->key_name, "admin");
  EXPECT_TRUE(admin->admin);
}

TEST(ApiKeyRing, RejectsWrongPrefixOfAKeyAndEmptyKey) {
  auto ring = ApiKeyRing::Parse(kKeys, '\n', "keys.txt");
  ASSERT_TRUE(ring.ok());
  EXPECT_FALSE(ring->Authenticate("Bearer onb-0123456789abcde", ""));
  EXPECT_FALSE(ring->Authenticate("Bearer onb-0123456789abcdefX", ""));
  EXPECT_FALSE(ring->Authenticate("", ""));
  EXPECT_FALSE(ring->Authenticate("Basic onb-0123456789abcdef", ""));
}

TEST(ApiKeyRing, EnvironmentFormIsCommaSeparated) {
  auto ring = ApiKeyRing::Parse("a:aaaaaaaaaaaaaaaa1, admin:b:bbbbbbbbbbbbbbbb2", ',', "env");
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  EXPECT_TRUE(ring->Authenticate("bearer bbbbbbbbbbbbbbbb2", "")->admin);
  EXPECT_FALSE(ring->Authenticate("", "aaaaaaaaaaaaaaaa1")->admin);
}

TEST(ApiKeyRing, ErrorsNameTheLine) {
  auto short_key = ApiKeyRing::Parse("a:aaaaaaaaaaaaaaaa\nb:short\n", '\n', "keys.txt");
  ASSERT_FALSE(short_key.ok());
  EXPECT_NE(short_key.status().message().find("keys.txt line 2"), std::string::npos)
      << short_key.status().message();
  auto duplicate = ApiKeyRing::Parse("a:aaaaaaaaaaaaaaaa\na:bbbbbbbbbbbbbbbb\n", '\n', "k");
  EXPECT_FALSE(duplicate.ok());
  auto same_key = ApiKeyRing::Parse("a:aaaaaaaaaaaaaaaa\nb:aaaaaaaaaaaaaaaa\n", '\n', "k");
  EXPECT_FALSE(same_key.ok());
  auto no_colon = ApiKeyRing::Parse("justakeywithoutname\n", '\n', "k");
  EXPECT_FALSE(no_colon.ok());
  auto bad_name = ApiKeyRing::Parse("a b:aaaaaaaaaaaaaaaa\n", '\n', "k");
  EXPECT_FALSE(bad_name.ok());
}

TEST(PresentedKey, AcceptsBearerApiKeyAndHeaderFallback) {
  EXPECT_EQ(PresentedKey("Bearer  k1 ", ""), "k1");
  EXPECT_EQ(PresentedKey("ApiKey k2", "ignored"), "k2");
  EXPECT_EQ(PresentedKey("", " k3 "), "k3");
  EXPECT_EQ(PresentedKey("Basic xyz", "k4"), "k4");
}

TEST(RateLimiter, RefusesBeyondBurstAndRefillsWithTime) {
  RateLimiter limiter(2, 2);
  const auto t0 = RateLimiter::Clock::now();
  EXPECT_TRUE(limiter.Acquire("a", t0).allowed);
  EXPECT_TRUE(limiter.Acquire("a", t0).allowed);
  const RateLimiter::Decision refused = limiter.Acquire("a", t0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 1);
  EXPECT_TRUE(limiter.Acquire("b", t0).allowed) << "buckets are per caller";
  EXPECT_TRUE(limiter.Acquire("a", t0 + std::chrono::milliseconds(600)).allowed);
  EXPECT_FALSE(limiter.Acquire("a", t0 + std::chrono::milliseconds(700)).allowed);
}

TEST(RateLimiter, ZeroRateIsUnlimited) {
  RateLimiter limiter(0);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Acquire("a").allowed);
}

TEST(RedactPaths, KeepsFileNamesOnly) {
  EXPECT_EQ(RedactPaths("io error: /srv/lists/sdn.csv: cannot read"),
            "io error: sdn.csv: cannot read");
  EXPECT_EQ(RedactPaths("corrupt: '/tmp/x/ab.xml' line 3"), "corrupt: 'ab.xml' line 3");
  EXPECT_EQ(RedactPaths("no path here 1/2"), "no path here 1/2");
}

}  // namespace
}  // namespace partyscreen::server
