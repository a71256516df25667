#include "notify/webhook.h"

#include <fstream>
#include <sstream>

#include "core/sha256.h"
#include "core/strings.h"

namespace partyscreen {

namespace {

constexpr size_t kMinSecretBytes = 16;

}  // namespace

Result<Webhook> LoadWebhook(const std::string& url, const std::string& secret_file) {
  if (!StartsWith(url, "http://") && !StartsWith(url, "https://"))
    return Status::InvalidArgument("--webhook: expected an http:// or https:// URL, got '" + url +
                                   "'");
  if (secret_file.empty())
    return Status::InvalidArgument(
        "--webhook needs --webhook-secret-file FILE (the key its bodies are signed with)");
  std::ifstream in(secret_file, std::ios::binary);
  std::ostringstream bytes;
  if (!in)
    return Status::InvalidArgument("--webhook-secret-file: " + secret_file + ": cannot be read");
  if (in.peek() != std::ifstream::traits_type::eof()) bytes << in.rdbuf();
  std::string key = bytes.str();
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' '))
    key.pop_back();
  if (key.size() < kMinSecretBytes)
    return Status::InvalidArgument("--webhook-secret-file: " + secret_file + ": the secret has " +
                                   std::to_string(key.size()) + " bytes; at least " +
                                   std::to_string(kMinSecretBytes) + " are needed");
  return Webhook{url, std::move(key)};
}

std::string WebhookSignature(const std::string& secret, const std::string& body) {
  return "sha256=" + HmacSha256Hex(secret, body);
}

std::string WebhookId(const std::string& url) {
  return "url-sha256:" + Sha256Hex(url).substr(0, 32);
}

std::string WebhookLabel(const std::string& url) {
  std::string label = url.substr(0, url.find_first_of("?#"));
  const size_t scheme = label.find("://");
  const size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t path = label.find('/', host);
  const size_t at = label.rfind('@', path == std::string::npos ? label.size() : path);
  if (at != std::string::npos && at >= host) label.erase(host, at + 1 - host);
  return label;
}

}  // namespace partyscreen
