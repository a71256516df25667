// API keys: who is calling, and may they administer the server.
//
// Key file format (--api-keys FILE), one key per line, '#' starts a comment, blank lines ignored:
//     name:key            an ordinary key called `name`
//     admin:name:key      an admin key (may POST /admin/reload); a key named `admin` is one too
// The environment form (PARTYSCREEN_API_KEYS) is the same entries separated by commas.
// Names are [A-Za-z0-9_.-]+, unique; keys are at least kMinKeyLength characters, unique.
//
// A request presents its key as `Authorization: Bearer KEY`, `Authorization: ApiKey KEY` (what
// yente clients send) or `X-API-Key: KEY`. Lookup compares SHA-256 digests of the presented key
// and of every configured key with CRYPTO_memcmp and visits every key, so the time taken does not
// depend on how much of a key matched nor on which key matched.
// Thread safety: immutable after construction; Authenticate() from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/status.h"

namespace partyscreen::server {

inline constexpr size_t kMinKeyLength = 16;

struct Caller {
  std::string key_name;  // the configured name, or "anonymous" when auth is off
  bool admin = false;
};

class ApiKeyRing {
 public:
  ApiKeyRing() = default;
  // Parses entries; `origin` names where they came from in errors ("keys.txt line 3: ...").
  // `separator` is '\n' for a file and ',' for the environment variable.
  static Result<ApiKeyRing> Parse(std::string_view text, char separator, std::string_view origin);
  static Result<ApiKeyRing> LoadFile(const std::string& path);

  bool empty() const { return keys_.empty(); }
  size_t size() const { return keys_.size(); }

  // The caller whose key is presented in these header values (either may be empty), or nullopt.
  std::optional<Caller> Authenticate(std::string_view authorization_header,
                                     std::string_view x_api_key_header) const;

 private:
  struct Key {
    Caller caller;
    std::string digest;  // raw SHA-256 of the key (32 bytes)
  };
  std::vector<Key> keys_;
};

// The key presented in an Authorization header ("Bearer K" or "ApiKey K", scheme case-insensitive),
// else the X-API-Key value; empty if neither carries one.
std::string PresentedKey(std::string_view authorization_header, std::string_view x_api_key_header);

}  // namespace partyscreen::server
