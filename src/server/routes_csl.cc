// The trade.gov Consolidated Screening List API, offline (server/csl_search.h):
//   GET /consolidated_screening_list/search   the CSL API's search over the loaded US lists
//   GET /consolidated_screening_list/sources  the CSL lists loaded, with their dates
// A bad or unknown parameter is 400 bad_request; the body also carries the message in the CSL
// API's "errors" array so scripts written for it find it where they look.
#include "server/csl_search.h"
#include "server/http_json.h"
#include "server/routes.h"

namespace partyscreen::server {

void RegisterCslRoutes(httplib::Server& http, ServerState& state) {
  http.Get("/consolidated_screening_list/search",
           Guard(state, "/consolidated_screening_list/search", Access::kKey,
                 [&state](const httplib::Request& req, httplib::Response& res,
                          const RequestContext& ctx) {
                   const Result<CslSearch> search =
                       ParseCslSearch(req.params, state.options.max_name_chars);
                   if (!search.ok()) {
                     const std::string& message = search.status().message();
                     nlohmann::json body = ErrorBody("bad_request", message);
                     body["errors"] = {message};
                     return SendJson(res, 400, body);
                   }
                   SendJson(res, 200, RunCslSearch(*ctx.engine, *search));
                 }));
  http.Get("/consolidated_screening_list/sources",
           Guard(state, "/consolidated_screening_list/sources", Access::kKey,
                 [](const httplib::Request&, httplib::Response& res, const RequestContext& ctx) {
                   SendJson(res, 200, CslSources(*ctx.engine));
                 }));
}

}  // namespace partyscreen::server
