// Latin-script text -> lower-case ASCII: the branch of ToLatinAscii (transliterate.h) taken by
// names whose every character is of Latin, Common or Inherited script ("Rosén Imports",
// "Dumanlı Construction", "Müller GmbH"). Internal to src/normalize (and its tests).
//
// Two implementations that give the same output:
//  - LatinToAscii (used): ICU Normalizer2 NFKC on the whole text, then each code point on its
//    own: ASCII is lower-cased, any other code point goes through ICU "Latin-ASCII; Lower" once per
//    thread and the ASCII it gives is memoised. ~75x cheaper than the rule chain (~0.1 us a name;
//    docs/BENCHMARKS.md).
//  - LatinToAsciiReference: ICU's rule-based "NFKC; Latin-ASCII; Lower" over the whole text (the
//    former path), kept so that tests/translit/latin_ascii_test.cc can prove the two agree, on
//    every code point in context and on every Latin-script name of the real lists.
// Why per code point is exact once the text is NFKC: besides its filter and NFD/NFC wrapping,
// Latin-ASCII's only context-dependent rule is "[[:Latin:][0-9]] { [:Mn:]+ } > ;" (drop
// non-spacing marks after a Latin letter or digit). Every other rule maps one code point with no
// context, and a mark that is not dropped has no ASCII form of its own, so the final "keep ASCII"
// step drops it either way. "Lower" (root locale) depends on context only for capital sigma
// (NFKC makes one of U+1D6BA), and both its lower-case forms are dropped as non-ASCII; upper-case
// forms ("Æ" -> "AE", no context rule in ICU 72) are lower-cased anyway.
// One exception, found by the exhaustive test: a spacing combining mark with a non-zero combining
// class (only the musical symbol stems/flags U+1D165-1D166, U+1D16D-1D172) is not dropped after a
// letter, and Latin-ASCII's NFD/NFC round trip re-composes the letter's accent across it, so
// "é" + U+1D165 folds to "" in the chain; LatinToAscii hands text holding one to the chain.
// Both results keep only ASCII: anything left without an ASCII form is dropped.
//
// Thread safety: each thread lazily creates its own transliterators and its own code point cache
// (thread_local, at most kMaxCachedCodePoints entries, kept for the thread's lifetime); nothing is
// shared between threads. The NFKC normaliser is ICU's immutable singleton.
#pragma once

#include <unicode/unistr.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace partyscreen {

// Distinct non-ASCII code points remembered per thread; past this, others are transliterated on
// every use (still correct, just slower). Names of all real lists use well under 1,000.
inline constexpr size_t kMaxCachedCodePoints = 4096;

// True if every code point of `text` is of script Latin, Common or Inherited (so LatinToAscii
// applies). Empty text counts as Latin.
bool IsLatinScript(const icu::UnicodeString& text);

// Lower-case ASCII form of Latin-script `text` (see above). nullopt only if ICU could not create
// the transliterator (the caller then takes its general path).
std::optional<std::string> LatinToAscii(const icu::UnicodeString& text);

// Same result through the whole-text ICU rule chain; ~20 us per name. For tests.
std::optional<std::string> LatinToAsciiReference(const icu::UnicodeString& text);

// The ASCII characters of UTF-8 `text`, A-Z lower-cased; every other byte dropped.
std::string KeepAsciiLowered(std::string_view text);

}  // namespace partyscreen
