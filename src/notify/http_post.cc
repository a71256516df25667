#include "notify/http_post.h"

#include <algorithm>
#include <memory>

#include "update/curl_setup.h"

namespace partyscreen {

namespace {

constexpr size_t kKeptBody = 4096;

size_t Keep(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const size_t n = size * count;
  if (body->size() < kKeptBody) body->append(data, std::min(n, kKeptBody - body->size()));
  return n;
}

}  // namespace

Result<HttpResponse> HttpPost(const std::string& url, const std::string& body,
                              const std::vector<std::string>& headers,
                              const HttpPostOptions& options) {
  InitCurlOnce();
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return Status::Internal("libcurl could not start a transfer");
  curl_slist* list = nullptr;
  for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(list, &curl_slist_free_all);
  HttpResponse response;
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  SetTransferOptions(c, options.connect_timeout_seconds, options.timeout_seconds,
                     options.user_agent, options.cancelled, error);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Keep);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK)
    return Status::IoError(url + ": " + (error[0] ? error : curl_easy_strerror(rc)));
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace partyscreen
