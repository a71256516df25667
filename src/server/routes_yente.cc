// yente's read routes beside POST /match/{dataset} (routes_match.cc):
//   GET /search/{dataset}  q (a name; empty: every listing, in snapshot order), schema (default
//                          Thing: any), countries, topics, datasets, exclude_dataset,
//                          exclude_schema, changed_since, exclude_entity_ids (yente_params.h),
//                          limit (default 10, at most 500), offset (0 + limit at most
//                          kMaxSearchWindow), target (true: every listing, false: none; every
//                          listing is a target), fuzzy (true/false accepted: the name search is
//                          always approximate, ranked by the engine's score above
//                          --min-threshold), sort (refused: results are ranked by score).
//                          One result per party (as /match), yente's facets over every result.
//   GET /catalog           the datasets /match and /search accept (YenteCatalog), yente's shape
//   GET /algorithms        the one engine, under the names the algorithm parameter accepts
// Errors carry yente's {"detail": ...} (http_json.h).
#include <map>
#include <set>

#include "core/strings.h"
#include "normalize/country.h"
#include "records/query_record.h"
#include "server/ftm_json.h"
#include "server/http_json.h"
#include "server/query_json.h"
#include "server/routes.h"
#include "server/yente_catalog.h"
#include "server/yente_params.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

constexpr size_t kDefaultSearchLimit = 10;
constexpr size_t kMaxSearchWindow = 1000;  // offset + limit

// "true"/"false" (and 1/0) or absent; anything else is an error naming the parameter.
Result<std::optional<bool>> BoolParam(const httplib::Request& req, const char* key) {
  if (!req.has_param(key)) return std::optional<bool>();
  const std::string v = req.get_param_value(key);
  if (v == "true" || v == "1") return std::optional<bool>(true);
  if (v == "false" || v == "0") return std::optional<bool>(false);
  return Status::InvalidArgument(std::string("query parameter ") + key + ": must be true or false");
}

// Listings found for a search, one per party (its first found listing), in rank order.
std::vector<uint32_t> SearchListings(const RequestContext& ctx, const std::string& q, Schema schema,
                                     const ScreenOptions& options, double min_threshold) {
  const Engine& engine = *ctx.engine;
  const Snapshot& snapshot = engine.snapshot();
  std::vector<uint32_t> found;
  if (q.empty()) {
    for (uint32_t i = 0; i < snapshot.entities.size() && found.size() < kMaxSearchWindow; ++i) {
      const Entity& e = snapshot.entities[i];
      if (schema != Schema::kUnknown && e.schema != schema) continue;
      if (options.exclude_entity_ids.count(e.id) || (options.admit && !options.admit(e))) continue;
      found.push_back(i);
    }
  } else {
    Query query;
    query.name = q;
    query.schema = schema;
    ScreenOptions o = options;
    o.threshold = min_threshold;
    o.limit = kMaxSearchWindow;
    o.explain = false;
    for (const Hit& h : engine.screener->Screen(query, o)) found.push_back(h.entity_index);
  }
  std::set<const ListedParty*> seen;
  std::vector<uint32_t> out;
  for (uint32_t i : found)
    if (seen.insert(&engine.parties->Of(i)).second) out.push_back(i);
  return out;
}

json Facets(const Snapshot& snapshot, const std::vector<uint32_t>& listings) {
  std::map<std::string, size_t> countries, topics, datasets;
  for (uint32_t i : listings) {
    const Entity& e = snapshot.entities[i];
    std::set<std::string> cs;
    for (const std::string& c : e.countries) cs.insert(c);
    for (const std::string& c : e.nationalities) cs.insert(c);
    for (const std::string& c : cs)
      if (c.size() == 2) ++countries[c];
    for (const std::string& t : ListingTopics(e)) ++topics[t];
    if (e.datasets.empty()) ++datasets[e.source];
    for (const std::string& d : e.datasets) ++datasets[d];
  }
  auto facet = [](const char* label, const std::map<std::string, size_t>& counts, bool country) {
    json values = json::array();
    for (const auto& [name, count] : counts)
      values.push_back({{"name", country ? FtmCountry(name) : name},
                        {"label", country ? CountryName(name) : name},
                        {"count", count}});
    return json{{"label", label}, {"values", std::move(values)}};
  };
  return {{"countries", facet("Countries", countries, true)},
          {"topics", facet("Topics", topics, false)},
          {"datasets", facet("Data sources", datasets, false)}};
}

void HandleSearch(ServerState& state, const httplib::Request& req, httplib::Response& res,
                  const RequestContext& ctx) {
  const Engine& engine = *ctx.engine;
  const std::string dataset = req.matches[1];
  if (!engine.catalog->HasDataset(dataset))
    return SendError(res, 404, "unknown_dataset",
                     "No such dataset: '" + dataset + "' (GET /catalog lists them)");
  Result<size_t> limit = LimitParam(req, kDefaultSearchLimit);
  if (!limit.ok()) return SendStatus(res, limit.status());
  Result<std::optional<double>> offset_param = NumberParam(req, "offset");
  if (!offset_param.ok()) return SendStatus(res, offset_param.status());
  const double offset_value = offset_param->value_or(0);
  if (offset_value < 0 || offset_value != static_cast<size_t>(offset_value) ||
      offset_value + static_cast<double>(*limit) > kMaxSearchWindow)
    return SendStatus(res, Status::InvalidArgument(
                               "query parameter offset: must be an integer with offset + limit "
                               "at most " +
                               std::to_string(kMaxSearchWindow)));
  const auto offset = static_cast<size_t>(offset_value);
  if (req.has_param("sort"))
    return SendStatus(res,
                      Status::InvalidArgument(
                          "query parameter sort: not supported (results are ranked by score)"));
  Result<std::optional<bool>> fuzzy = BoolParam(req, "fuzzy");
  if (!fuzzy.ok()) return SendStatus(res, fuzzy.status());
  Result<std::optional<bool>> target = BoolParam(req, "target");
  if (!target.ok()) return SendStatus(res, target.status());
  Result<Schema> schema = SchemaFromName(
      req.has_param("schema") ? req.get_param_value("schema") : "Thing", "query parameter schema");
  if (!schema.ok()) return SendStatus(res, schema.status());
  const std::string q(Trim(req.get_param_value("q")));
  if (!q.empty())
    if (Status s = ValidateName(q, "query parameter q", state.options.max_name_chars); !s.ok())
      return SendStatus(res, s);
  ScreenOptions options;
  YenteFilterNames names;
  names.include_dataset = "datasets";
  names.countries = "countries";
  if (Status s = SetYenteFilters(req, engine, dataset, names, options); !s.ok())
    return SendStatus(res, s);
  if (!q.empty()) ctx.NoteQuery(q);

  std::vector<uint32_t> listings;
  if (target->value_or(true))
    listings = SearchListings(ctx, q, *schema, options, state.options.min_threshold);
  const Snapshot& snapshot = engine.snapshot();
  json results = json::array();
  for (size_t i = offset; i < listings.size() && i < offset + *limit; ++i) {
    const Entity& e = snapshot.entities[listings[i]];
    json r = EntityToFtm(e);
    for (uint32_t other : engine.parties->Of(listings[i]).listings)
      if (other != listings[i]) r["referents"].push_back(PublicId(snapshot.entities[other]));
    results.push_back(std::move(r));
  }
  state.metrics.RecordHits(results.size());
  SendJson(res, 200,
           {{"results", std::move(results)},
            {"facets", Facets(snapshot, listings)},
            {"total", {{"value", listings.size()}, {"relation", "eq"}}},
            {"limit", *limit},
            {"offset", offset}});
}

json CatalogJson(const Engine& engine) {
  const std::string fallback_version = engine.snapshot().hash.substr(0, 16);
  json datasets = json::array();
  json current = json::array();
  for (const CatalogDataset& d : engine.catalog->datasets()) {
    const std::string version = d.version.empty() ? fallback_version : d.version;
    datasets.push_back({{"name", d.name},
                        {"title", d.title},
                        {"summary", nullptr},
                        {"url", nullptr},
                        {"load", true},
                        {"entities_url", nullptr},
                        {"version", version},
                        {"index_version", version},
                        {"index_current", true},
                        {"children", d.children},
                        {"entity_count", d.entities}});
    current.push_back(d.name);
  }
  return {{"datasets", std::move(datasets)},
          {"current", std::move(current)},
          {"outdated", json::array()},
          {"index_stale", false}};
}

json AlgorithmsJson() {
  json features = {
      {"name_score",
       {{"description",
         "Name similarity after normalisation: aligned words, spelling, sound and script "
         "variants, weighted by word rarity (docs/MATCHING.md)"},
        {"coefficient", 1.0},
        {"url", nullptr}}}};
  json algorithms = json::array();
  for (const std::string& name : AcceptedAlgorithms())
    algorithms.push_back(
        {{"name", name},
         {"description", name == EngineVersion()
                             ? "partyscreen's matching engine: names, then birth date, country "
                               "and identifiers adjust the score"
                             : "the same engine as " + EngineVersion()},
         {"features", features}});
  return {{"algorithms", std::move(algorithms)},
          {"default", EngineVersion()},
          {"best", EngineVersion()}};
}

}  // namespace

void RegisterYenteRoutes(httplib::Server& http, ServerState& state) {
  http.Get(R"(/search/([A-Za-z0-9_.\-]+))",
           Guard(state, "/search/{dataset}", Access::kKey,
                 [&state](const httplib::Request& req, httplib::Response& res,
                          const RequestContext& ctx) { HandleSearch(state, req, res, ctx); }));
  http.Get("/catalog",
           Guard(state, "/catalog", Access::kKey,
                 [](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
                   SendJson(res, 200, CatalogJson(*ctx.engine));
                 }));
  http.Get("/algorithms",
           Guard(state, "/algorithms", Access::kKey,
                 [](const httplib::Request&, httplib::Response& res, const RequestContext&) {
                   SendJson(res, 200, AlgorithmsJson());
                 }));
}

}  // namespace partyscreen::server
