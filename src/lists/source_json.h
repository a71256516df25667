// JSON form of a loaded list source (what `lists --json` and GET /lists print).
#pragma once

#include <nlohmann/json.hpp>

#include "partyscreen/snapshot.h"

namespace partyscreen {

nlohmann::json SourceInfoToJson(const SourceInfo& s);

}  // namespace partyscreen
