#include "server/http_json.h"

namespace partyscreen::server {

void SendJson(httplib::Response& res, int http_status, const nlohmann::json& body) {
  res.status = http_status;
  // List data may hold invalid UTF-8; replace it rather than fail the response.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void SendError(httplib::Response& res, int http_status, std::string_view code,
               std::string_view message) {
  SendJson(res, http_status, ErrorBody(code, message));
}

void SendStatus(httplib::Response& res, const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalidArgument:
      return SendError(res, 422, "invalid_request", status.message());
    case Status::Code::kNotFound:
      return SendError(res, 404, "not_found", status.message());
    case Status::Code::kUnsupported:
      return SendError(res, 409, "conflict", status.message());
    default:
      return SendError(res, 500, "internal", status.message());
  }
}

Result<nlohmann::json> ParseJsonObject(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    // Re-parse with exceptions only to learn where it broke (the message names the byte).
    try {
      const nlohmann::json unused = nlohmann::json::parse(body);
      (void)unused;
    } catch (const nlohmann::json::parse_error& e) {
      return Status::InvalidArgument("malformed JSON at byte " + std::to_string(e.byte));
    } catch (const nlohmann::json::exception& e) {  // 1e400: "number overflow parsing '1e400'"
      std::string what = e.what();
      if (const size_t end = what.find("] "); end != std::string::npos) what.erase(0, end + 2);
      return Status::InvalidArgument("unusable JSON: " + what.substr(0, 200));
    }
    return Status::InvalidArgument("malformed JSON");
  }
  if (!j.is_object()) return Status::InvalidArgument("request body must be a JSON object");
  return j;
}

nlohmann::json DefaultErrorBody(int http_status) {
  std::string code = "error", message = "request failed";
  switch (http_status) {
    case 400:
      code = "bad_request", message = "malformed HTTP request";
      break;
    case 404:
      code = "not_found", message = "no such endpoint";
      break;
    case 405:
      code = "method_not_allowed", message = "method not allowed on this endpoint";
      break;
    case 413:
      code = "body_too_large", message = "request body exceeds the server's limit";
      break;
    case 414:
      code = "uri_too_long", message = "request URI too long";
      break;
    case 415:
      code = "unsupported_media_type", message = "unsupported content encoding";
      break;
    case 416:
      code = "range_not_satisfiable", message = "range not satisfiable";
      break;
    case 500:
      code = "internal", message = "internal server error";
      break;
    case 503:
      code = "unavailable", message = "service unavailable";
      break;
    default:
      break;
  }
  return ErrorBody(code, message);
}

nlohmann::json ErrorBody(std::string_view code, std::string_view message) {
  return {{"error", {{"code", code}, {"message", message}}}, {"detail", message}};
}

}  // namespace partyscreen::server
