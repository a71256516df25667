// One HTTP(S) POST with libcurl: the body as given, the caller's headers, no redirects followed (a
// webhook that moved is an error to fix, not a place to send signed alerts to).
//
// Returns the response status (any: 2xx, 4xx, 5xx) with at most the first 4 KiB of the response
// body, or an error when no response came (connection refused, timeout, TLS failure, cancelled),
// naming the URL and the cause. Thread safety: one call per thread at a time is safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "partyscreen/status.h"

namespace partyscreen {

struct HttpPostOptions {
  long connect_timeout_seconds = 5;
  long timeout_seconds = 10;  // the whole exchange
  std::string user_agent = "partyscreen";
  // Polled during the transfer; true aborts it.
  std::function<bool()> cancelled;
};

struct HttpResponse {
  long status = 0;
  std::string body;  // the first 4 KiB
};

Result<HttpResponse> HttpPost(const std::string& url, const std::string& body,
                              const std::vector<std::string>& headers,
                              const HttpPostOptions& options);

}  // namespace partyscreen
