// Acronyms as lists give them: first letters or first syllables of the organisation's name.
#include "normalize/acronym.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "normalize/name_normalizer.h"

namespace partyscreen {
namespace {

bool Spells(std::string_view code, const std::string& name) {
  const std::vector<std::string> words = TokenizeAscii(name);
  return IsAcronymOf(code, std::vector<std::string_view>(words.begin(), words.end()));
}

TEST(AcronymTest, FirstLettersAndFirstSyllablesOfTheName) {
  EXPECT_TRUE(Spells("iara", "islamic african relief agency"));
  EXPECT_TRUE(Spells("sei", "shiraz electronics industries"));
  EXPECT_TRUE(Spells("exagan", "explotaciones agricolas y ganaderas la lorena s c s"));
  EXPECT_TRUE(Spells("htc", "hesa trade center"));
}

TEST(AcronymTest, WordsMayBeSkipped) {
  EXPECT_TRUE(Spells("pedex", "pars energy-gostar drilling and exploration"));
  EXPECT_TRUE(Spells("alco", "beijing alite technologies co., ltd."));
}

TEST(AcronymTest, MostOfAWordIsNotAnAcronymPart) {
  // The name with its own legal form: "alborad" + "a" is the name, not a code.
  EXPECT_FALSE(Spells("alborada", "alborada s.a."));
  EXPECT_FALSE(Spells("canalve", "canales venecia ltda"));
}

TEST(AcronymTest, WholeWordsJoinedAreNotAnAcronym) {
  EXPECT_FALSE(Spells("taipen", "tai pen"));
  EXPECT_FALSE(Spells("hikvision", "hikvision digital technology"));  // one word, not two
}

TEST(AcronymTest, OtherWordsAreNot) {
  EXPECT_FALSE(Spells("hesa", "iran aircraft manufacturing industrial company"));
  EXPECT_FALSE(Spells("dover", "dover"));
  EXPECT_FALSE(Spells("iara", "iara"));
  EXPECT_FALSE(Spells("ia", "islamic"));                         // one word
  EXPECT_FALSE(Spells("i", "islamic african"));                  // too short
  EXPECT_FALSE(Spells("iaraiaraia", "islamic african relief"));  // too long
  EXPECT_FALSE(Spells("ia1", "islamic african"));                // letters only
}

TEST(AcronymTest, RepetitiveNamesStayCheap) {
  // Every prefix of every word fits: the search remembers what failed instead of retrying it.
  std::string name;
  for (int i = 0; i < 60; ++i) name += "aaaaaaaa ";
  EXPECT_FALSE(Spells("aaaaaaab", name));
  EXPECT_TRUE(Spells("aaaaaaaa", name));
}

}  // namespace
}  // namespace partyscreen
