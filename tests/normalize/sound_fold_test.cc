// The sound fold: customary spellings of one sound fold alike; distinct sounds stay apart.
#include "normalize/sound_fold.h"

#include <gtest/gtest.h>

namespace partyscreen {
namespace {

TEST(SoundFoldTest, RomanisationVariantsFoldAlike) {
  EXPECT_EQ(SoundFold("ahmadinezhad"), SoundFold("ahmadinejad"));  // zh = j
  EXPECT_EQ(SoundFold("djamal"), SoundFold("jamal"));              // dj = j
  EXPECT_EQ(SoundFold("dzhabarov"), SoundFold("jabarov"));         // dzh = j
  EXPECT_EQ(SoundFold("philippe"), SoundFold("filipe"));           // ph = f, doubled letters
  EXPECT_EQ(SoundFold("khalil"), SoundFold("halil"));              // kh = h
  EXPECT_EQ(SoundFold("mahmoud"), SoundFold("mahmood"));           // ou = oo = u
  EXPECT_EQ(SoundFold("yevgeniy"), SoundFold("yevgenii"));         // y = i, -iy = -ii
  EXPECT_EQ(SoundFold("vladislaw"), SoundFold("vladislav"));       // w = v
  EXPECT_EQ(SoundFold("smirnoff"), SoundFold("smirnov"));          // -off = -ov
  EXPECT_EQ(SoundFold("xi"), SoundFold("si"));                     // pinyin x
  EXPECT_EQ(SoundFold("alexander"), SoundFold("aleksander"));      // x = ks
  EXPECT_EQ(SoundFold("qasim"), SoundFold("kasim"));               // q = k
  EXPECT_EQ(SoundFold("nadella"), "nadela");
}

TEST(SoundFoldTest, DistinctSoundsStayApart) {
  EXPECT_NE(SoundFold("zakharov"), SoundFold("sakharov"));
  EXPECT_NE(SoundFold("kim"), SoundFold("kin"));
  EXPECT_NE(SoundFold("bark"), SoundFold("park"));
  EXPECT_EQ(SoundFold(""), "");
  EXPECT_EQ(SoundFold("1234"), "1234");
}

}  // namespace
}  // namespace partyscreen
