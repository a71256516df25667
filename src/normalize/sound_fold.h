// SoundFold: the form in which two Latin spellings of the same sound compare equal.
//
// Romanised names vary in ways that are not typos: one sound has several customary spellings
// (Ahmadinejad/Ahmadinezhad, Yevgeniy/Evgenii, Lindenberg/Lyndenberg, Nadella/Nandela's double
// letter, Ivanoff/Ivanov, Alexander/Aleksandr). SoundFold rewrites a lower-case ASCII word so
// that such spellings meet:
//   dzh, dj, zh -> j      ph -> f       kh -> h      ck -> k      q -> k
//   ou, oo -> u           ee -> i       y -> i       w -> v
//   x -> s at the start of a word (pinyin Xi = Si), ks elsewhere
//   a final "off" -> "ov"; then every run of one repeated letter -> one letter
//   ("-iy", "-ii", "-yi" all end in "i").
// The matcher compares folded words (equal, or one edit apart), so these variants anchor a
// match; a pair equal only after folding scores a little below an exact pair (similarity.h).
// Each rule either maps one letter to one letter or drops letters in a fixed context, so a typo
// rarely moves two folded words further apart than the raw words were (measured on the dev
// set's one-typo queries, docs/MATCHING.md). In a word written with digits for letters (every run
// of digits between two letters, each digit one of 0 o, 1 i, 3 e, 4 a, 5 s, 7 t, 8 b:
// "hikv1s1on", "techn0l0gy") the digits are read as those letters first; other digits ("3m",
// "nv5", "7th") and characters are kept.
// Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace partyscreen {

std::string SoundFold(std::string_view token);

}  // namespace partyscreen
