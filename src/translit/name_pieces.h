// Where a name can be cut so that its pieces transliterate independently: the split behind the
// per-word memo of ToLatinAscii (transliterate.h). Internal to src/normalize (and its tests).
//
// Contract: for every UTF-8 `text`, with pieces p1..pn = SplitIntoIndependentPieces(text),
//   ToLatinAsciiUnmemoised(text) == ToLatinAsciiUnmemoised(p1) + " " + ... + " " +
//                                   ToLatinAsciiUnmemoised(pn)
// so a piece's transliteration can be memoised and reused in any other name.
//
// The cuts: a single U+0020 SPACE between two "strong" code points, i.e. of a script other than
// Common, Inherited and Unknown (letters of Cyrillic, Arabic, Hangul, Han, Latin...), where
// normalisation keeps strong characters next to the space: the one before it has a normalisation
// boundary before it and an NFKC form ending strong (not U+FC5E, a ligature ending in a mark),
// the one after it is a starter with an NFKC form starting strong (not U+FE70 ARABIC FATHATAN
// ISOLATED FORM, a space and a mark) and is not a kana iteration mark (U+309D, U+309E, U+30FD,
// U+30FE). Nothing else is cut: not at punctuation, digits, marks, other spaces, nor at a space
// next to any of those, so "ООО «Ромашка»" stays whole. Why each step of the whole-text path
// sees the same thing in a piece:
//  - UTF-8 decoding: byte 0x20 never belongs to a multi-byte sequence, and both neighbours are
//    well-formed, so invalid bytes are replaced alike in a piece and in the whole.
//  - NFKC (and the NFC/NFD/NFKD steps inside the rules): U+0020 is a normalisation boundary on
//    both sides (combining class 0, no decomposition, composes with nothing), so the form of the
//    whole is the forms of the pieces joined by spaces; by the conditions above each piece's
//    form starts and ends with a strong character (composing a letter with following marks keeps
//    its script).
//  - OpenCC t2s: every key and value of TSPhrases and TSCharacters (the t2s.json chain) is made
//    of Han ideographs only, so no phrase spans a space and text without Han is left unchanged
//    (whether or not the converter runs on it). Han runs never contain a space, so the pinyin
//    joining (one run at a time) sees the same runs.
//  - ICU rules ([:Cyrillic:] Russian-Latin/BGN, each script's X-Latin inside Any-Latin,
//    Latin-ASCII, Lower): a rule context that reaches the cut sees U+0020 in the whole text and
//    the text boundary in a piece (ICU matches the boundary as U+FFFF). Every context set of
//    these rules (ICU 72) either contains both (the word-boundary set [^[:L:][:M:][:N:]] of BGN's
//    "е" -> "ye", Ethiopic's, InterIndic's, Conjoining Jamo's [^aow]) or neither ([:L:], vowels,
//    digits), and none reaches past a space. The one exception is Katakana-Latin's iteration
//    mark rule ([^[:Zp:][:Zl:]\r\n$]){ヽ} > $1 (the set excludes the boundary: after a space the
//    mark repeats the space, at the start of text it is dropped), hence no cut before one.
//  - Any-Latin script runs: a run takes in the Common/Inherited characters around it, so a
//    transliterator could see punctuation of a neighbouring word in the whole text ("Ltd;
//    Ολυμπία": Greek-Latin turns ";" into "?"). With strong characters on both sides of the
//    space (after NFKC), a run reaches across a cut over the space alone, or over "ʹ"/"ʺ" that
//    BGN makes of a word-final ь/ъ ("Игорь Ολυμπία"). No X-Latin transliterator changes those
//    three (the Common/Inherited characters in their source sets are Arabic and Indic
//    punctuation and marks, Greek ";µ·" and marks, the breve, kana voicing marks), and the
//    only rule contexts that reach them are the one-character ones above.
// The whole-text path takes the Latin fold (latin_ascii.h) only for Latin-script text, a piece
// in Latin script takes it too: that agrees with the rule chain on Latin text.
// tests/translit/name_pieces_test.cc proves the contract on every assigned strong code point
// next to a cut, every name of the real lists, the dev set and recombinations of their words,
// and checks the OpenCC premise, so a change of ICU or OpenCC data is caught there.
#pragma once

#include <string_view>
#include <vector>

namespace partyscreen {

// The pieces of `text` (views into it, in order) between the cuts described above, without the
// cut spaces; {text} when there is no cut. Pieces are never empty, except for empty `text`.
std::vector<std::string_view> SplitIntoIndependentPieces(std::string_view text);

}  // namespace partyscreen
