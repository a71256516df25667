// The split of a name written without spaces into the lists' words (match/word_segmenter.h).
#include "match/word_segmenter.h"

#include <gtest/gtest.h>

namespace partyscreen {
namespace {

WordSegmenter Words(std::initializer_list<const char*> words) {
  WordSegmenter s;
  for (const char* w : words) s.Add(w);
  return s;
}

TEST(WordSegmenterTest, SplitsIntoTheFewestKnownWords) {
  const WordSegmenter s = Words({"alexander", "alex", "ander", "vyacheslavovich", "zakharov"});
  EXPECT_EQ(s.Segment("alexandervyacheslavovichzakharov"), "alexander vyacheslavovich zakharov");
}

TEST(WordSegmenterTest, RefusesWhatCannotBeCoveredOrIsNotALongLatinWord) {
  const WordSegmenter s = Words({"banco", "nacional", "cuba", "de"});
  EXPECT_EQ(s.Segment("banconacionalxcuba"), std::nullopt);   // "x" is no word
  EXPECT_EQ(s.Segment("bancocuba"), std::nullopt);            // shorter than 12 letters
  EXPECT_EQ(s.Segment("banconacionaldecuba"), std::nullopt);  // "de" has fewer than 3 letters
  EXPECT_EQ(s.Segment("banco nacional cuba"), std::nullopt);  // not one word
  EXPECT_EQ(s.Segment("nacionalnacional"), "nacional nacional");
  EXPECT_EQ(Words({"nacionalcuba"}).Segment("nacionalcuba"), std::nullopt);  // already one word
}

}  // namespace
}  // namespace partyscreen
