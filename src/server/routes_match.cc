// POST /match/{dataset}: the OpenSanctions yente matching API, so existing yente clients work.
//
// Body {"queries": {"<key>": {"schema", "properties": {...}}, ...}} (weights/config are accepted
// and ignored). Query parameters: limit (default 5, at most kMaxLimit), threshold (default: the
// engine's documented default; sets "match"), cutoff (results below it are not returned; default
// and maximum: threshold), exclude_entity_ids (repeatable), algorithm (accepted, reported back in
// "matcher.requested"; partyscreen has one engine). Each example is screened once per name and the
// best score per entity is kept. `dataset` is "default" (every loaded list) or a loaded source key
// (GET /lists "source"); anything else is 404.
#include <algorithm>
#include <map>

#include "core/json.h"
#include "server/ftm_json.h"
#include "server/http_json.h"
#include "server/query_json.h"
#include "server/routes.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

constexpr size_t kDefaultMatchLimit = 5;  // yente's MATCH_PAGE
constexpr size_t kMaxExcludedIds = 1000;

// Parses a numeric query parameter; nullopt when absent. Errors name the parameter.
Result<std::optional<double>> NumberParam(const httplib::Request& req, const char* key) {
  if (!req.has_param(key)) return std::optional<double>();
  const std::string text = req.get_param_value(key);
  try {
    size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size()) return std::optional<double>(v);
  } catch (const std::exception&) {
  }
  return Status::InvalidArgument(std::string("query parameter ") + key + ": not a number");
}

struct MatchParams {
  ScreenOptions options;  // threshold here is the cutoff (what is returned at all)
  double match_threshold = DefaultThreshold();
  std::string algorithm;
};

Result<MatchParams> ReadParams(const httplib::Request& req) {
  MatchParams p;
  p.options.limit = kDefaultMatchLimit;
  p.options.explain = true;
  Result<std::optional<double>> limit = NumberParam(req, "limit");
  if (!limit.ok()) return limit.status();
  if (*limit) {
    if (**limit < 1 || **limit > kMaxLimit || **limit != static_cast<size_t>(**limit))
      return Status::InvalidArgument("query parameter limit: must be an integer in [1, " +
                                     std::to_string(kMaxLimit) + "]");
    p.options.limit = static_cast<size_t>(**limit);
  }
  Result<std::optional<double>> threshold = NumberParam(req, "threshold");
  if (!threshold.ok()) return threshold.status();
  if (*threshold) {
    if (**threshold < 0 || **threshold > 1)
      return Status::InvalidArgument("query parameter threshold: must be in [0, 1]");
    p.match_threshold = **threshold;
  }
  p.options.threshold = p.match_threshold;
  Result<std::optional<double>> cutoff = NumberParam(req, "cutoff");
  if (!cutoff.ok()) return cutoff.status();
  if (*cutoff) {
    if (**cutoff < 0 || **cutoff > 1)
      return Status::InvalidArgument("query parameter cutoff: must be in [0, 1]");
    p.options.threshold = std::min(**cutoff, p.match_threshold);
  }
  const size_t excluded = req.get_param_value_count("exclude_entity_ids");
  if (excluded > kMaxExcludedIds)
    return Status::InvalidArgument("query parameter exclude_entity_ids: more than " +
                                   std::to_string(kMaxExcludedIds) + " ids");
  for (size_t i = 0; i < excluded; ++i)
    p.options.exclude_entity_ids.insert(req.get_param_value("exclude_entity_ids", i));
  p.algorithm = req.get_param_value("algorithm");
  return p;
}

// Best hit per entity over every name of the example, best first, then by id for stable order.
std::vector<Hit> MatchExample(const Screener& screener, const ExampleQueries& example,
                              const ScreenOptions& options) {
  std::map<std::string_view, Hit> best;
  for (const Query& q : example.queries) {
    for (Hit& h : screener.Screen(q, options)) {
      auto [it, inserted] = best.try_emplace(h.entity->id, h);
      if (!inserted && h.score > it->second.score) it->second = std::move(h);
    }
  }
  std::vector<Hit> hits;
  for (auto& [id, h] : best) hits.push_back(std::move(h));
  std::stable_sort(hits.begin(), hits.end(),
                   [](const Hit& a, const Hit& b) { return a.score > b.score; });
  return hits;
}

json ResultJson(const Hit& hit, double match_threshold) {
  json r = EntityToFtm(*hit.entity);
  r["score"] = hit.score;
  r["match"] = hit.score >= match_threshold;
  r["features"] = {{"name_score", hit.explanation.name_score}};
  r["explanations"] = ExplanationToJson(hit.explanation);
  return r;
}

void HandleMatch(ServerState& state, const httplib::Request& req, httplib::Response& res,
                 const RequestContext& ctx) {
  const Snapshot& snapshot = ctx.engine->snapshot();
  const std::string dataset = req.matches[1];
  MatchParams params;
  if (Result<MatchParams> p = ReadParams(req); p.ok()) {
    params = std::move(p).value();
  } else {
    return SendStatus(res, p.status());
  }
  if (dataset != "default") {
    const bool known = std::any_of(snapshot.sources.begin(), snapshot.sources.end(),
                                   [&](const SourceInfo& s) { return s.source == dataset; });
    if (!known) {
      std::string loaded = "default";
      for (const SourceInfo& s : snapshot.sources)
        if (loaded.find(s.source) == std::string::npos) loaded += ", " + s.source;
      return SendError(res, 404, "unknown_dataset",
                       "unknown dataset '" + dataset + "'; loaded: " + loaded);
    }
    params.options.sources = {dataset};
  }
  Result<json> body = ParseJsonObject(req.body);
  if (!body.ok()) return SendError(res, 400, "invalid_json", body.status().message());
  auto queries = body->find("queries");
  if (queries == body->end() || !queries->is_object())
    return SendStatus(res, Status::InvalidArgument("queries: missing or not an object"));
  if (queries->empty())
    return SendStatus(res, Status::InvalidArgument("queries: no queries provided"));
  if (queries->size() > state.options.max_queries)
    return SendError(res, 413, "too_many_queries",
                     "queries: " + std::to_string(queries->size()) + " queries, the limit is " +
                         std::to_string(state.options.max_queries) + " per request");
  std::vector<std::pair<std::string, ExampleQueries>> examples;
  for (const auto& [key, example] : queries->items()) {
    if (example.is_null()) continue;
    Result<ExampleQueries> parsed = ExampleFromJson(example, "queries." + key);
    if (!parsed.ok()) return SendStatus(res, parsed.status());
    examples.emplace_back(key, std::move(parsed).value());
  }
  const Screener& screener = *ctx.engine->screener;
  json responses = json::object();
  uint64_t hit_count = 0;
  for (const auto& [key, example] : examples) {
    const std::vector<Hit> hits = MatchExample(screener, example, params.options);
    if (!example.queries.empty()) {
      Query audited = example.queries.front();  // the first name stands for the example
      audited.id = key;
      state.Audit(ctx, audited, params.options, hits, "api-match");
    }
    json results = json::array();
    for (size_t i = 0; i < hits.size() && i < params.options.limit; ++i)
      results.push_back(ResultJson(hits[i], params.match_threshold));
    hit_count += results.size();
    responses[key] = {{"status", 200},
                      {"results", std::move(results)},
                      {"total", {{"value", hits.size()}, {"relation", "eq"}}},
                      {"query", example.echo}};
  }
  state.metrics.RecordHits(hit_count);
  res.set_header("X-Batch-Size", std::to_string(examples.size()));
  SendJson(res, 200,
           {{"responses", std::move(responses)},
            {"limit", params.options.limit},
            {"matcher",
             {{"name", EngineVersion()},
              {"requested", params.algorithm.empty() ? json(nullptr) : json(params.algorithm)},
              {"threshold", params.match_threshold},
              {"cutoff", params.options.threshold}}},
            {"snapshot", snapshot.hash}});
}

}  // namespace

void RegisterMatchRoutes(httplib::Server& http, ServerState& state) {
  http.Post(R"(/match/([A-Za-z0-9_.\-]+))",
            Guard(state, "/match/{dataset}", Access::kKey,
                  [&state](const httplib::Request& req, httplib::Response& res,
                           const RequestContext& ctx) { HandleMatch(state, req, res, ctx); }));
}

}  // namespace partyscreen::server
