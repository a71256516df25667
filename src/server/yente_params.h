// The query parameters of yente's /match/{dataset} and /search/{dataset}, each honoured or
// refused (never accepted and ignored):
//   limit (1..kMaxYenteLimit), threshold and cutoff (in [0, 1], finite), algorithm ("best",
//   "default" or EngineVersion(); anything else is refused: partyscreen has one engine),
//   include_dataset / exclude_dataset (repeatable; names from YenteCatalog, an unknown name is
//   refused so a typo cannot leave a list in), topics (repeatable; a result must carry one of
//   them; a topic no loaded listing carries is refused), exclude_schema (repeatable),
//   changed_since (ISO date or date-time: listings whose last_change is earlier are left out; a
//   listing without one is left out when its list was published before that date, kept when the
//   list carries no date), exclude_entity_ids (repeatable, at most kMaxExcludedIds; an id, a public
//   id or an FtM referent excludes the whole party it belongs to, as yente excludes a merged
//   entity by any of its referents).
// The dataset and the filters become ScreenOptions (sources-free: `admit` and
// `exclude_entity_ids`). Errors are InvalidArgument naming the parameter. Thread safety: pure.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/status.h"
#include "server/engine_holder.h"

namespace partyscreen::server {

inline constexpr size_t kMaxYenteLimit = 500;  // yente's MAX_MATCHES
inline constexpr size_t kMaxExcludedIds = 1000;

// The algorithm names /match accepts (the first is what /algorithms calls the engine).
std::vector<std::string> AcceptedAlgorithms();

// A numeric query parameter; nullopt when absent. Errors name the parameter.
Result<std::optional<double>> NumberParam(const httplib::Request& req, const char* key);

// limit from `req` (default `default_limit`), in [1, kMaxYenteLimit].
Result<size_t> LimitParam(const httplib::Request& req, size_t default_limit);

// The listing filter of `dataset` (the path segment, already known to the catalog) and the
// parameters include_dataset, exclude_dataset, topics, exclude_schema, changed_since and
// exclude_entity_ids, set on `options`. /search names its dataset filter "datasets" and adds
// "countries" (a listing's country or nationality must be one of them).
struct YenteFilterNames {
  const char* include_dataset = "include_dataset";
  const char* topics = "topics";
  const char* countries = nullptr;  // /search only: "countries"
};
Status SetYenteFilters(const httplib::Request& req, const Engine& engine, std::string_view dataset,
                       const YenteFilterNames& names, ScreenOptions& options);

}  // namespace partyscreen::server
