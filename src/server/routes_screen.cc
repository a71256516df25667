// POST /screen: one query or a batch, answered with hits (core/json.h HitToJson) and explanations.
//   single: {"name": "...", ...}            -> {"id", "threshold", "hits": [...], "snapshot",
//                                               "engine_version"}
//   batch:  {"queries": [{...}, ...], "threshold"?, "limit"?, "explain"?}
//                                           -> {"results": [{"id", "threshold", "hits"}...], ...}
// Batch-level threshold/limit/explain are defaults each query may override; a threshold below
// --min-threshold is raised to it ("threshold" reports the one used). Names longer than
// --max-name-chars are refused. A batch stops before its next query when the request's budget is
// spent, the client has gone or the server stops (503). With --db every screening is committed to
// the audit trail before the answer is sent, or the answer is 503 audit_unavailable.
#include <algorithm>

#include "match/hit_json.h"
#include "server/http_json.h"
#include "server/query_json.h"
#include "server/routes.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

json ScreenOne(const RequestContext& ctx, const ScreenItem& item, uint64_t* hit_count,
               std::vector<AuditRecord>* audit) {
  const std::vector<Hit> hits = ctx.engine->screener->Screen(item.query, item.options);
  audit->push_back(AuditOf(ctx, item.query, item.options, hits, "api"));
  *hit_count += hits.size();
  json out{{"id", item.query.id}, {"threshold", item.options.threshold}, {"hits", json::array()}};
  for (const Hit& h : hits) out["hits"].push_back(HitToJson(h, item.options.explain));
  return out;
}

// The query as the server will run it: the threshold no lower than --min-threshold.
ScreenItem WithFloor(const ServerState& state, ScreenItem item) {
  item.options.threshold = std::max(item.options.threshold, state.options.min_threshold);
  return item;
}

void HandleScreen(ServerState& state, const httplib::Request&, httplib::Response& res,
                  const RequestContext& ctx) {
  Result<json> body = ParseJsonObject(ctx.body);
  if (!body.ok()) return SendError(res, 400, "invalid_json", body.status().message());
  const size_t max_chars = state.options.max_name_chars;
  std::vector<ScreenItem> items;
  auto queries = body->find("queries");
  if (queries == body->end()) {
    Result<ScreenItem> item = ScreenItemFromJson(*body, ScreenOptions{}, "", max_chars);
    if (!item.ok()) return SendStatus(res, item.status());
    items.push_back(WithFloor(state, std::move(item).value()));
  } else {
    if (!queries->is_array())
      return SendStatus(res, Status::InvalidArgument("queries: must be an array"));
    if (queries->empty()) return SendStatus(res, Status::InvalidArgument("queries: is empty"));
    if (queries->size() > state.options.max_queries)
      return SendError(res, 413, "too_many_queries",
                       "queries: " + std::to_string(queries->size()) + " queries, the limit is " +
                           std::to_string(state.options.max_queries) + " per request");
    Result<ScreenOptions> defaults = ScreenOptionsFromJson(*body, ScreenOptions{}, "");
    if (!defaults.ok()) return SendStatus(res, defaults.status());
    items.reserve(queries->size());
    for (size_t i = 0; i < queries->size(); ++i) {  // validate all before screening any
      Result<ScreenItem> item = ScreenItemFromJson((*queries)[i], *defaults,
                                                   "queries[" + std::to_string(i) + "]", max_chars);
      if (!item.ok()) return SendStatus(res, item.status());
      if (item->query.id.empty()) item->query.id = std::to_string(i);
      items.push_back(WithFloor(state, std::move(item).value()));
    }
  }
  for (const ScreenItem& item : items) ctx.NoteQuery(item.query.name);
  uint64_t hit_count = 0;
  std::vector<AuditRecord> audit;
  audit.reserve(items.size());
  json results = json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    if (StopReason stop = ctx.ShouldStop(); stop != StopReason::kNone)
      return SendStopped(state, res, stop, i, items.size());
    results.push_back(ScreenOne(ctx, items[i], &hit_count, &audit));
  }
  if (Status s = state.CommitAudit(std::move(audit)); !s.ok()) return SendAuditFailure(res, s);
  json out;
  if (queries == body->end()) {
    out = std::move(results[0]);
  } else {
    out["results"] = std::move(results);
  }
  out["snapshot"] = ctx.engine->snapshot().hash;
  out["engine_version"] = EngineVersion();
  state.metrics.RecordHits(hit_count);
  SendJson(res, 200, out);
}

}  // namespace

void RegisterScreenRoutes(httplib::Server& http, ServerState& state) {
  http.Post("/screen", GuardWithBody(state, "/screen", Access::kKey,
                                     [&state](const httplib::Request& req, httplib::Response& res,
                                              const RequestContext& ctx) {
                                       HandleScreen(state, req, res, ctx);
                                     }));
}

}  // namespace partyscreen::server
