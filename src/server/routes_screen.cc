// POST /screen: one query or a batch, answered with hits (core/json.h HitToJson) and explanations.
//   single: {"name": "...", ...}            -> {"id", "hits": [...], "snapshot", "engine_version"}
//   batch:  {"queries": [{...}, ...], "threshold"?, "limit"?, "explain"?}
//                                           -> {"results": [{"id", "hits"}...], "snapshot", ...}
// Batch-level threshold/limit/explain are defaults each query may override.
#include "core/json.h"
#include "server/http_json.h"
#include "server/query_json.h"
#include "server/routes.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

json ScreenOne(const ServerState& state, const RequestContext& ctx, const ScreenItem& item,
               uint64_t* hit_count) {
  const std::vector<Hit> hits = ctx.engine->screener->Screen(item.query, item.options);
  state.Audit(ctx, item.query, item.options, hits, "api");
  *hit_count += hits.size();
  json out{{"id", item.query.id}, {"hits", json::array()}};
  for (const Hit& h : hits) out["hits"].push_back(HitToJson(h, item.options.explain));
  return out;
}

void HandleScreen(ServerState& state, const httplib::Request& req, httplib::Response& res,
                  const RequestContext& ctx) {
  Result<json> body = ParseJsonObject(req.body);
  if (!body.ok()) return SendError(res, 400, "invalid_json", body.status().message());
  uint64_t hit_count = 0;
  json out;
  auto queries = body->find("queries");
  if (queries == body->end()) {
    Result<ScreenItem> item = ScreenItemFromJson(*body, ScreenOptions{}, "");
    if (!item.ok()) return SendStatus(res, item.status());
    out = ScreenOne(state, ctx, *item, &hit_count);
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
    std::vector<ScreenItem> items;
    items.reserve(queries->size());
    for (size_t i = 0; i < queries->size(); ++i) {  // validate all before screening any
      Result<ScreenItem> item =
          ScreenItemFromJson((*queries)[i], *defaults, "queries[" + std::to_string(i) + "]");
      if (!item.ok()) return SendStatus(res, item.status());
      if (item->query.id.empty()) item->query.id = std::to_string(i);
      items.push_back(std::move(item).value());
    }
    out["results"] = json::array();
    for (const ScreenItem& item : items)
      out["results"].push_back(ScreenOne(state, ctx, item, &hit_count));
  }
  out["snapshot"] = ctx.engine->snapshot().hash;
  out["engine_version"] = EngineVersion();
  state.metrics.RecordHits(hit_count);
  SendJson(res, 200, out);
}

}  // namespace

void RegisterScreenRoutes(httplib::Server& http, ServerState& state) {
  http.Post("/screen",
            Guard(state, "/screen", Access::kKey,
                  [&state](const httplib::Request& req, httplib::Response& res,
                           const RequestContext& ctx) { HandleScreen(state, req, res, ctx); }));
}

}  // namespace partyscreen::server
