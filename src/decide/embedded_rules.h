// The default rules file (data/rules/us_export_rules.json), compiled into the binary at build
// time by src/decide/CMakeLists.txt so that decisions work from any working directory.
#pragma once

#include <string_view>

namespace partyscreen {

std::string_view EmbeddedRulesJson();    // the file's bytes
std::string_view EmbeddedRulesOrigin();  // "embedded data/rules/us_export_rules.json", for errors

}  // namespace partyscreen
