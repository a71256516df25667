// GET /openapi.json (no key): the OpenAPI 3.1 description of every route (routes.h kRoutes),
// kept in data/openapi.json and compiled into the binary (src/server/CMakeLists.txt).
#include "server/routes.h"

namespace partyscreen::embedded {
extern const std::string_view k_openapi_json;
}  // namespace partyscreen::embedded

namespace partyscreen::server {

std::string_view OpenApiDocument() { return embedded::k_openapi_json; }

void RegisterOpenApiRoutes(httplib::Server& http, ServerState& state) {
  http.Get("/openapi.json",
           Guard(state, "/openapi.json", Access::kPublic,
                 [](const httplib::Request&, httplib::Response& res, const RequestContext&) {
                   res.status = 200;
                   res.set_content(std::string(OpenApiDocument()), "application/json");
                 }));
}

}  // namespace partyscreen::server
