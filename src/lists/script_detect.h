// The writing system of a name, from its code points (ICU uscript): "Arabic", "Cyrillic", "Han",
// "Latin"... Used to label original-script aliases (UN NAME_ORIGINAL_SCRIPT). Stateless;
// thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace partyscreen {

// The script most letters of `text` (UTF-8) belong to, by ICU's long script name; "" when the text
// has no letters or is not valid UTF-8. Common/inherited characters (digits, spaces,
// punctuation) are not counted.
std::string DominantScript(std::string_view text);

}  // namespace partyscreen
