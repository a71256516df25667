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

// Regression: ICU's English names use "&", lists write "and" (found on the OFAC address files).
TEST(Country, AndAndAmpersandAreTheSame) {
  EXPECT_EQ(CountryCode("Bosnia and Herzegovina"), "BA");
  EXPECT_EQ(CountryCode("Trinidad and Tobago"), "TT");
  EXPECT_EQ(CountryCode("Saint Kitts and Nevis"), "KN");
  EXPECT_EQ(CountryCode("Antigua & Barbuda"), "AG");
  EXPECT_EQ(CountryCode("Virgin Islands, British"), "VG");
  EXPECT_EQ(CountryCode("Cabo Verde"), "CV");
  EXPECT_EQ(CountryCode("Andorra"), "AD");  // a name starting with "and" is not touched
}

TEST(Country, NormalizeKeepsUnknownText) {
  EXPECT_EQ(NormalizeCountry(" Xinjiang "), "Xinjiang");
  EXPECT_EQ(NormalizeCountry("Syria"), "SY");
  EXPECT_EQ(CountryName("DE"), "Germany");
}

}  // namespace
}  // namespace partyscreen
