// POST /match/{dataset}: the OpenSanctions yente matching API, so existing yente clients work.
//
// Body {"queries": {"<key>": {"id"?, "schema", "properties": {...}}, ...}}; "weights" and "config"
// must be empty or absent (partyscreen's engine has no adjustable weights; refused, not ignored).
// Query parameters (server/yente_params.h, each honoured or refused): limit (default 5, at most
// 500), threshold (default: the engine's documented default; sets "match"), cutoff (results below
// it are not returned; default and maximum: threshold), algorithm, include_dataset,
// exclude_dataset, topics, exclude_schema, changed_since, exclude_entity_ids. `dataset` is a
// YenteCatalog name ("default", "sanctions", a loaded source key, an FtM publisher dataset);
// anything else is 404. Each example is screened once per name and the best score per entity is
// kept. A cutoff below --min-threshold is raised to it (reported in "matcher.cutoff"). Results
// are one per party (its best listing; the party's other listings and the FtM record's merged
// ids in "referents"). Errors carry yente's {"detail": ...} (http_json.h). The request stops
// before its next example when its budget is spent, the client has gone or the server stops
// (503). With --db every example's screening is committed to the audit trail before the answer.
#include <algorithm>
#include <map>

#include "match/hit_json.h"
#include "server/ftm_json.h"
#include "server/http_json.h"
#include "server/query_json.h"
#include "server/routes.h"
#include "server/yente_catalog.h"
#include "server/yente_params.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

constexpr size_t kDefaultMatchLimit = 5;  // yente's MATCH_PAGE

struct MatchParams {
  ScreenOptions options;  // threshold here is the cutoff (what is returned at all)
  double match_threshold = DefaultThreshold();
  std::string algorithm;
};

Result<MatchParams> ReadParams(const httplib::Request& req, double min_threshold) {
  MatchParams p;
  p.options.explain = true;
  Result<size_t> limit = LimitParam(req, kDefaultMatchLimit);
  if (!limit.ok()) return limit.status();
  p.options.limit = *limit;
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
  p.algorithm = req.get_param_value("algorithm");
  return p;
}

// yente answers 400 for an unknown algorithm or a config key the algorithm does not have; the
// engine has neither alternatives nor settings. Empty when acceptable.
std::string RefusedEngineChoice(const MatchParams& p, const json& body) {
  const std::vector<std::string> accepted = AcceptedAlgorithms();
  if (!p.algorithm.empty() &&
      std::find(accepted.begin(), accepted.end(), p.algorithm) == accepted.end()) {
    std::string names;
    for (const std::string& a : accepted) names += (names.empty() ? "" : ", ") + a;
    return "Invalid algorithm: '" + p.algorithm +
           "' (partyscreen has one engine; accepted: " + names + ")";
  }
  for (const char* key : {"config", "weights"}) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_object()) return std::string(key) + ": must be an object";
    if (!it->empty())
      return "Invalid " + std::string(key) + " parameter: " + it->begin().key() +
             " (the partyscreen engine has no adjustable " + key + ")";
  }
  return "";
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
  if (!ctx.engine->catalog->HasDataset(dataset))
    return SendError(res, 404, "unknown_dataset",
                     "No such dataset: '" + dataset + "' (GET /catalog lists them)");
  MatchParams params;
  if (Result<MatchParams> p = ReadParams(req, state.options.min_threshold); p.ok()) {
    params = std::move(p).value();
  } else {
    return SendStatus(res, p.status());
  }
  if (Status s = SetYenteFilters(req, *ctx.engine, dataset, {}, params.options); !s.ok())
    return SendStatus(res, s);
  Result<json> body = ParseJsonObject(ctx.body);
  if (!body.ok()) return SendError(res, 400, "invalid_json", body.status().message());
  if (std::string refused = RefusedEngineChoice(params, *body); !refused.empty())
    return SendError(res, 400, "invalid_parameter", refused);
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
      json& referents = r["referents"];  // the record's own merged ids, then the party's others
      for (uint32_t listing : parties[i].party->listings)
        if (listing != best.entity_index) referents.push_back(PublicId(snapshot.entities[listing]));
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
