// POST /match/{dataset}: the OpenSanctions yente matching API, so existing yente clients work.
//
// Body {"queries": {"<key>": {"schema", "properties": {...}}, ...}} (weights/config are accepted
// and ignored). Query parameters: limit (default 5, at most kMaxLimit), threshold (default: the
// engine's documented default; sets "match"), cutoff (results below it are not returned; default
// and maximum: threshold), exclude_entity_ids (repeatable), algorithm (accepted, reported back in
// "matcher.requested"; partyscreen has one engine). Each example is screened once per name and the
// best score per entity is kept. `dataset` is "default" (every loaded list) or a loaded source key
// (GET /lists "source"); anything else is 404. Numeric parameters must be finite numbers
// (threshold=nan is refused); a cutoff below --min-threshold is raised to it (reported in
// "matcher.cutoff"). Results are one per party (its best listing; the party's other listings in
// "referents", as yente reports the source records it merged). Names longer than --max-name-chars
// are refused. The request stops before its next example when its budget is spent, the client has
// gone or the server stops (503). With --db every example's screening is committed to the audit
// trail before the answer is sent.
#include <algorithm>
#include <cmath>
#include <map>

#include "match/hit_json.h"
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
    if (used == text.size() && std::isfinite(v)) return std::optional<double>(v);
  } catch (const std::exception&) {
  }
  return Status::InvalidArgument(std::string("query parameter ") + key + ": not a finite number");
}

struct MatchParams {
  ScreenOptions options;  // threshold here is the cutoff (what is returned at all)
  double match_threshold = DefaultThreshold();
  std::string algorithm;
};

Result<MatchParams> ReadParams(const httplib::Request& req, double min_threshold) {
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
  p.options.threshold = std::max(p.options.threshold, min_threshold);
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
// Stops (nullopt) before a name when the request should stop.
std::optional<std::vector<Hit>> MatchExample(const RequestContext& ctx,
                                             const ExampleQueries& example,
                                             const ScreenOptions& options) {
  std::map<std::string_view, Hit> best;
  for (const Query& q : example.queries) {
    if (ctx.ShouldStop() != StopReason::kNone) return std::nullopt;
    for (Hit& h : ctx.engine->screener->Screen(q, options)) {
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
  if (Result<MatchParams> p = ReadParams(req, state.options.min_threshold); p.ok()) {
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
  Result<json> body = ParseJsonObject(ctx.body);
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
    Result<ExampleQueries> parsed =
        ExampleFromJson(example, "queries." + key, state.options.max_name_chars);
    if (!parsed.ok()) return SendStatus(res, parsed.status());
    examples.emplace_back(key, std::move(parsed).value());
  }
  for (const auto& [key, example] : examples)
    for (const Query& q : example.queries) ctx.NoteQuery(q.name);
  json responses = json::object();
  uint64_t hit_count = 0;
  std::vector<AuditRecord> audit;
  for (size_t done = 0; done < examples.size(); ++done) {
    const auto& [key, example] = examples[done];
    std::optional<std::vector<Hit>> hits = MatchExample(ctx, example, params.options);
    if (!hits) return SendStopped(state, res, ctx.ShouldStop(), done, examples.size());
    if (!example.queries.empty()) {
      Query audited = example.queries.front();  // the first name stands for the example
      audited.id = key;
      audit.push_back(AuditOf(ctx, audited, params.options, *hits, "api-match"));
    }
    // One result per party (parties/parties.h), its best listing, the others as referents.
    const std::vector<PartyHits> parties = GroupHitsByParty(std::move(*hits), *ctx.engine->parties);
    json results = json::array();
    for (size_t i = 0; i < parties.size() && i < params.options.limit; ++i) {
      const Hit& best = parties[i].hits.front();
      json r = ResultJson(best, params.match_threshold);
      json referents = json::array();
      for (uint32_t listing : parties[i].party->listings)
        if (listing != best.entity_index) referents.push_back(snapshot.entities[listing].id);
      r["referents"] = std::move(referents);
      results.push_back(std::move(r));
    }
    hit_count += results.size();
    responses[key] = {{"status", 200},
                      {"results", std::move(results)},
                      {"total", {{"value", parties.size()}, {"relation", "eq"}}},
                      {"query", example.echo}};
  }
  if (Status s = state.CommitAudit(std::move(audit)); !s.ok()) return SendAuditFailure(res, s);
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
  http.Post(
      R"(/match/([A-Za-z0-9_.\-]+))",
      GuardWithBody(state, "/match/{dataset}", Access::kKey,
                    [&state](const httplib::Request& req, httplib::Response& res,
                             const RequestContext& ctx) { HandleMatch(state, req, res, ctx); }));
}

}  // namespace partyscreen::server
