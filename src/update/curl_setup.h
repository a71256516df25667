// What every partyscreen transfer with libcurl shares (update/fetch.h downloads, notify/http_post.h
// webhook POSTs): the process-wide setup, which is not thread-safe (InitCurlOnce runs it once), and
// the options both set the same way.
#pragma once

#include <curl/curl.h>

#include <functional>
#include <string>

namespace partyscreen {

void InitCurlOnce();

// http and https only (redirects too), the two timeouts in seconds, no signals (threads), the user
// agent, libcurl's message into `error` (CURL_ERROR_SIZE bytes), and `cancelled` (if set) polled
// during the transfer: true aborts it with CURLE_ABORTED_BY_CALLBACK. `user_agent`, `cancelled`
// and `error` must outlive the transfer.
void SetTransferOptions(CURL* c, long connect_timeout_seconds, long timeout_seconds,
                        const std::string& user_agent, const std::function<bool()>& cancelled,
                        char* error);

}  // namespace partyscreen
