// Text encodings the list files come in, and the writing system a name is written in.
//
// Windows1252ToUtf8: the pre-2022 HM Treasury CSV is Windows-1252 (0x91/0x92 curly quotes, 0xE9 é).
// ScriptOf: which script a name uses, read from its code points with ICU, so a parser can tag
// Alias::script ("Cyrillic", "Arabic", "Han", ...) without trusting a publisher's label.
// Stateless free functions; thread-safe (each call opens its own ICU converter).
#pragma once

#include <string>
#include <string_view>

#include "partyscreen/status.h"

namespace partyscreen {

// The bytes decoded as Windows-1252 and re-encoded as UTF-8. The five bytes Windows-1252 leaves
// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) make it an error naming the byte and its offset.
Result<std::string> Windows1252ToUtf8(std::string_view bytes);

// ICU's long name of the script of the first letter that is neither Latin nor common/inherited
// (digits, punctuation, combining marks): "Cyrillic", "Arabic", "Han", "Hangul", "Georgian"...
// "" when every letter is Latin (or there are none). Invalid UTF-8 sequences are ignored.
std::string ScriptOf(std::string_view utf8);

}  // namespace partyscreen
