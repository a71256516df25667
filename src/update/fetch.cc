#include "update/fetch.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "update/curl_setup.h"

namespace partyscreen {

namespace {

struct Sink {
  std::FILE* file = nullptr;
  uint64_t written = 0;
  uint64_t max_bytes = 0;
  bool too_large = false;
};

size_t Write(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t n = size * count;
  if (sink->written + n > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  if (std::fwrite(data, 1, n, sink->file) != n) return 0;
  sink->written += n;
  return n;
}

}  // namespace

Status FetchToFile(const std::string& url, const std::string& path, const FetchOptions& options) {
  InitCurlOnce();
  const std::string tmp = path + ".part";
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(tmp.c_str(), "wb"), &std::fclose);
  if (!file) return Status::IoError(tmp + ": cannot create the download file");
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return Status::Internal("libcurl could not start a transfer");
  Sink sink{file.get(), 0, options.max_bytes, false};
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  SetTransferOptions(c, options.connect_timeout_seconds, options.timeout_seconds,
                     options.user_agent, options.cancelled, error);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate on the wire, decoded here
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  const CURLcode rc = curl_easy_perform(c);
  long http = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &http);
  const bool flushed = std::fflush(file.get()) == 0;
  file.reset();
  auto fail = [&](const std::string& why) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return Status::IoError(url + ": " + why);
  };
  if (sink.too_large)
    return fail("the file is larger than " + std::to_string(options.max_bytes) + " bytes");
  if (rc != CURLE_OK)
    return fail(std::string(error[0] ? error : curl_easy_strerror(rc)) +
                (rc == CURLE_OPERATION_TIMEDOUT ? " (timeout)" : ""));
  if (http != 200) return fail("HTTP status " + std::to_string(http));
  if (!flushed) return fail("cannot write " + tmp);
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return fail("cannot rename the download to " + path + ": " + ec.message());
  return Status::Ok();
}

}  // namespace partyscreen
