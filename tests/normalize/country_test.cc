#include "normalize/country.h"

#include <gtest/gtest.h>

namespace partyscreen {
namespace {

TEST(Country, NamesAndCodesAsListsWriteThem) {
  EXPECT_EQ(CountryCode("China"), "CN");
  EXPECT_EQ(CountryCode("CN"), "CN");
  EXPECT_EQ(CountryCode("cn"), "CN");
  EXPECT_EQ(CountryCode("Korea, North"), "KP");
  EXPECT_EQ(CountryCode("Iran, Islamic Republic of"), "IR");
  EXPECT_EQ(CountryCode("Russian Federation"), "RU");
  EXPECT_EQ(CountryCode("Burma"), "MM");
  EXPECT_EQ(CountryCode("Germany"), "DE");
  EXPECT_EQ(CountryCode("Atlantis"), "");
  EXPECT_EQ(CountryCode("XX"), "");
}

TEST(Country, NormalizeKeepsUnknownText) {
  EXPECT_EQ(NormalizeCountry(" Xinjiang "), "Xinjiang");
  EXPECT_EQ(NormalizeCountry("Syria"), "SY");
  EXPECT_EQ(CountryName("DE"), "Germany");
}

}  // namespace
}  // namespace partyscreen
