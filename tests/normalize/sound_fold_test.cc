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

// Issue 12 (evasion): a name written with digits for letters folds as the name.
TEST(SoundFoldTest, DigitsWrittenForLettersReadAsTheLetters) {
  EXPECT_EQ(SoundFold("hikv1s1on"), SoundFold("hikvision"));
  EXPECT_EQ(SoundFold("techn0l0gy"), SoundFold("technology"));
  EXPECT_EQ(SoundFold("h1kv1s10n"), SoundFold("hikvision"));  // a run of digits between letters
  // Digits that are part of the name stay: at a word's edge, or no letter's stand-in.
  EXPECT_EQ(SoundFold("3m"), "3m");
  EXPECT_EQ(SoundFold("nv5"), "nv5");
  EXPECT_EQ(SoundFold("7th"), "7th");
  EXPECT_EQ(SoundFold("route66"), "rute6");  // the other rules apply, the digits stay
  EXPECT_EQ(SoundFold("a2b"), "a2b");
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
