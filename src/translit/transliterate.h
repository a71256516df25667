// Any-script text -> lower-case ASCII Latin, the form names are compared in.
//
// Pipeline: NFKC; traditional -> simplified Chinese (OpenCC t2s) then Han -> pinyin; Cyrillic by
// BGN/PCGN (Russian-Latin/BGN, "Чен" -> "chen"); every other script by ICU Any-Latin (Greek,
// Arabic, Hebrew, Hangul, kana...); accents removed (Latin-ASCII); lower case. Pinyin syllables
// are joined the way Chinese personal names are written in Latin: a run of two or three Han
// characters becomes "surname given" ("陈全国" -> "chen quanguo"); longer runs (company names)
// keep one token per syllable and the scorer joins adjacent tokens where that helps.
// Pure-ASCII input takes a fast path that never touches ICU; text in Latin script only
// (accents, ligatures: "Müller", "Dumanlı") is folded code point by code point with the same
// result as ICU "NFKC; Latin-ASCII; Lower" (latin_ascii.h), ~75x cheaper than the rule chain.
//
// Text in other scripts is cut at the spaces where the rules cannot see across (name_pieces.h:
// between two letters, "Иван Петров", not "ООО «Ромашка»") and each piece is transliterated on
// its own, through a per-thread memo: registers repeat given names, family names and words of
// firm names so much that most pieces are found there, not run through ICU (~30-70 us a
// name, ~250 us for a long Han run). The result is that of the whole text (ToLatinAsciiUnmemoised),
// proved by tests/translit/name_pieces_test.cc.
//
// Thread safety: ICU transliterators and OpenCC converters are expensive to create and must not
// be used by two threads at once, so each thread lazily creates its own (thread_local) on its
// first non-ASCII input and keeps it for the thread's lifetime, with a bounded per-thread cache of
// how each accented Latin letter folds (latin_ascii.h) and a bounded per-thread memo of piece
// transliterations (at most kMaxMemoisedPieces, piece_memo.h). No other state is kept.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "translit/token_script.h"

namespace partyscreen {

// Lower-case ASCII Latin form of `text`. Characters with no Latin form are dropped; punctuation
// is kept (tokenisation is the caller's job). Invalid UTF-8 is replaced, never a crash.
std::string ToLatinAscii(std::string_view text);

// The same result without cutting non-Latin text into memoised pieces: the whole text through
// the ICU/OpenCC path at once. The reference ToLatinAscii is tested against; benchmarks.
std::string ToLatinAsciiUnmemoised(std::string_view text);

// A piece of a name (name_pieces.h) in ASCII with the script its letters were written in.
struct ScriptedText {
  std::string ascii;
  TokenScript script = TokenScript::kLatin;
};

// ToLatinAscii cut into its pieces: joined by single spaces, the `ascii` parts are exactly
// ToLatinAscii(text). A piece's script is that of its first letter (ASCII and Latin-script text:
// one kLatin piece).
std::vector<ScriptedText> ToLatinAsciiPieces(std::string_view text);

// Piece transliterations remembered per thread (~100 bytes each).
inline constexpr size_t kMaxMemoisedPieces = 8192;

}  // namespace partyscreen
