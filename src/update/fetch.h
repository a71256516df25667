// Downloading one file over HTTP(S) with libcurl.
//
// The body goes to `path` only when the whole transfer succeeded with HTTP 200 (it is written to a
// temporary beside it first): a 404, a timeout, a broken connection or a body over `max_bytes`
// leaves no file and returns an error naming the URL and the cause. Redirects are followed
// (http/https only). Thread safety: one call per thread at a time is safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "partyscreen/status.h"

namespace partyscreen {

struct FetchOptions {
  long connect_timeout_seconds = 30;
  long timeout_seconds = 600;              // the whole transfer
  uint64_t max_bytes = uint64_t{1} << 30;  // a larger body is refused
  std::string user_agent = "partyscreen";
  // Polled during the transfer (about once a second and on every chunk); true aborts it.
  std::function<bool()> cancelled;
};

Status FetchToFile(const std::string& url, const std::string& path, const FetchOptions& options);

}  // namespace partyscreen
