// POST /check: a transaction decision (include/partyscreen/decide.h) over HTTP.
// Body: src/decide/decision_json.h TransactionFromJson ({"parties": [...], "destination"?,
// "eccns"?, "purpose"?}); response: DecisionToJson (outcome, reasons with legal basis, rules
// version, snapshot hash). Uses the rules embedded in the binary. Party names longer than
// --max-name-chars are refused.
#include "decide/decision_json.h"
#include "server/http_json.h"
#include "server/query_json.h"
#include "server/routes.h"

namespace partyscreen::server {

namespace {

void HandleCheck(ServerState& state, const httplib::Request&, httplib::Response& res,
                 const RequestContext& ctx) {
  Result<nlohmann::json> body = ParseJsonObject(ctx.body);
  if (!body.ok()) return SendError(res, 400, "invalid_json", body.status().message());
  Result<Transaction> transaction = TransactionFromJson(*body);
  if (!transaction.ok()) return SendStatus(res, transaction.status());
  if (transaction->parties.size() > state.options.max_queries)
    return SendError(res, 413, "too_many_queries",
                     "parties: " + std::to_string(transaction->parties.size()) +
                         " parties, the limit is " + std::to_string(state.options.max_queries));
  for (size_t i = 0; i < transaction->parties.size(); ++i) {
    const std::string where = "parties[" + std::to_string(i) + "].name";
    Status s =
        ValidateName(transaction->parties[i].query.name, where, state.options.max_name_chars);
    if (!s.ok()) return SendStatus(res, s);
  }
  for (const auto& party : transaction->parties) ctx.NoteQuery(party.query.name);
  Result<Decision> decision = DecideTransaction(state.rules, *ctx.engine->screener, *transaction);
  if (!decision.ok()) return SendStatus(res, decision.status());
  uint64_t hits = 0;
  for (const Reason& r : decision->reasons)
    if (!r.entity_id.empty()) ++hits;
  state.metrics.RecordHits(hits);
  nlohmann::json out = DecisionToJson(*decision);
  out["engine_version"] = EngineVersion();
  SendJson(res, 200, out);
}

}  // namespace

void RegisterCheckRoutes(httplib::Server& http, ServerState& state) {
  http.Post("/check", GuardWithBody(state, "/check", Access::kKey,
                                    [&state](const httplib::Request& req, httplib::Response& res,
                                             const RequestContext& ctx) {
                                      HandleCheck(state, req, res, ctx);
                                    }));
}

}  // namespace partyscreen::server
