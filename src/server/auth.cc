#include "server/auth.h"

#include <openssl/crypto.h>

#include <fstream>
#include <sstream>
#include <unordered_set>

#include "core/sha256.h"
#include "core/strings.h"

namespace partyscreen::server {

namespace {

bool IsValidKeyName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Result<ApiKeyRing> ApiKeyRing::Parse(std::string_view text, char separator,
                                     std::string_view origin) {
  ApiKeyRing ring;
  std::unordered_set<std::string> names, digests;
  const std::string unit = separator == '\n' ? " line " : " entry ";
  size_t number = 0;
  for (const std::string& raw :
       Split(text, std::string_view(&separator, 1), /*skip_empty=*/false)) {
    ++number;
    std::string_view entry = Trim(raw);
    if (entry.empty() || entry.front() == '#') continue;
    const std::string where = std::string(origin) + unit + std::to_string(number) + ": ";
    std::vector<std::string> parts = Split(entry, ":", /*skip_empty=*/false);
    Key key;
    if (parts.size() == 3 && parts[0] == "admin") {
      key.caller.admin = true;
      parts.erase(parts.begin());
    }
    if (parts.size() != 2)
      return Status::InvalidArgument(where + "expected name:key or admin:name:key");
    const std::string name(Trim(parts[0]));
    const std::string secret(Trim(parts[1]));
    if (!IsValidKeyName(name))
      return Status::InvalidArgument(where + "key name must be letters, digits, '_', '.' or '-'");
    if (secret.size() < kMinKeyLength)
      return Status::InvalidArgument(where + "key '" + name + "' is shorter than " +
                                     std::to_string(kMinKeyLength) + " characters");
    if (!names.insert(name).second)
      return Status::InvalidArgument(where + "duplicate key name '" + name + "'");
    key.caller.key_name = name;
    if (name == "admin") key.caller.admin = true;
    key.digest = Sha256Hex(secret);
    if (!digests.insert(key.digest).second)
      return Status::InvalidArgument(where + "key of '" + name +
                                     "' is already used by another name");
    ring.keys_.push_back(std::move(key));
  }
  return ring;
}

Result<ApiKeyRing> ApiKeyRing::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read API key file");
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), '\n', path);
}

std::string PresentedKey(std::string_view authorization_header, std::string_view x_api_key_header) {
  const std::string_view auth = Trim(authorization_header);
  const size_t space = auth.find(' ');
  if (space != std::string_view::npos) {
    const std::string_view scheme = auth.substr(0, space);
    if (IEquals(scheme, "Bearer") || IEquals(scheme, "ApiKey"))
      return std::string(Trim(auth.substr(space + 1)));
  }
  return std::string(Trim(x_api_key_header));
}

std::optional<Caller> ApiKeyRing::Authenticate(std::string_view authorization_header,
                                               std::string_view x_api_key_header) const {
  const std::string presented = PresentedKey(authorization_header, x_api_key_header);
  if (presented.empty()) return std::nullopt;
  const std::string digest = Sha256Hex(presented);
  const Key* found = nullptr;
  for (const Key& key : keys_) {  // no early exit: every key is compared
    if (CRYPTO_memcmp(key.digest.data(), digest.data(), digest.size()) == 0) found = &key;
  }
  if (found == nullptr) return std::nullopt;
  return found->caller;
}

}  // namespace partyscreen::server
