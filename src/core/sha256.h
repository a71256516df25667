// SHA-256 and HMAC-SHA256 (OpenSSL) as lowercase hex. SHA-256: snapshot hashes and the audit hash
// chain; HMAC-SHA256: the signature of webhook notifications (notify/webhook.h).
#pragma once

#include <string>
#include <string_view>

namespace partyscreen {

std::string Sha256Hex(std::string_view data);
// HMAC-SHA256 (RFC 2104) of `data` under `key`, as 64 lowercase hex digits.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Incremental form for hashing several buffers without concatenating them.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  std::string HexDigest();  // finishes; the object must not be updated afterwards

 private:
  void* ctx_;  // EVP_MD_CTX*
};

}  // namespace partyscreen
