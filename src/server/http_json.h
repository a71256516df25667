// JSON bodies in and out, and the one error shape every endpoint uses:
//     {"error": {"code": "invalid_request", "message": "queries[2].name: missing"},
//      "detail": "queries[2].name: missing"}
// `code` is a stable machine-readable word (docs/API.md lists them); `message` is for humans and
// never contains a server path or a stack trace; `detail` repeats it where yente clients (and
// FastAPI's) read it.
// Thread safety: free functions over the caller's objects.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "partyscreen/status.h"

namespace partyscreen::server {

void SendJson(httplib::Response& res, int http_status, const nlohmann::json& body);
void SendError(httplib::Response& res, int http_status, std::string_view code,
               std::string_view message);
// Maps a Status from the engine or a parser: kInvalidArgument -> 422 invalid_request,
// kNotFound -> 404 not_found, kUnsupported -> 409 conflict, others -> 500 internal.
void SendStatus(httplib::Response& res, const Status& status);

// The request body as JSON (must be an object). InvalidArgument "malformed JSON: ..." otherwise.
Result<nlohmann::json> ParseJsonObject(const std::string& body);

// The default error body for a status set by cpp-httplib itself (404 no route, 413 body too
// large, 400 bad request line...), used by the server's error handler when no body was set.
nlohmann::json DefaultErrorBody(int http_status);
// The error shape above.
nlohmann::json ErrorBody(std::string_view code, std::string_view message);

}  // namespace partyscreen::server
