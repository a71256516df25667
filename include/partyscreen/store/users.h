// Workbench accounts: people who log in to the web workbench (`partyscreen serve --db`, /ui/),
// each with a role. Passwords are kept only as Argon2id hashes (libsodium's crypto_pwhash_str,
// its interactive limits), never in clear. API keys (server/auth.h) stay for machines.
//
// Roles, weakest first: analyst (works the alert queue, decides, downloads reports), supervisor
// (also confirms clearances under the four-eyes rule), admin (also manages accounts).
//
// Ownership: UserStore borrows a Database& that must outlive it.
// Thread safety: one thread at a time per Database (database.h); HashPassword/VerifyPassword are
// pure and thread-safe.
// Durability: Add and Disable are one transaction each, with their audit record inside it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

enum class Role { kAnalyst, kSupervisor, kAdmin };  // ordered: a later role can do all before it
std::string_view RoleName(Role role);               // "analyst", "supervisor", "admin"
std::optional<Role> ParseRole(std::string_view text);

struct User {
  std::string name;
  Role role = Role::kAnalyst;
  bool disabled = false;
  std::string created_at;
  std::string created_by;
};

// Argon2id hash in libsodium's text form ("$argon2id$v=19$m=...,t=...,p=1$salt$hash").
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);

class UserStore {
 public:
  explicit UserStore(Database& db) : db_(db) {}

  // Names: 1-64 letters, digits, '.', '-', '_'. Passwords: at least 10 characters. Errors: bad
  // name or password, the name taken.
  Result<User> Add(const std::string& name, std::string_view password, Role role,
                   const std::string& who = CurrentUserName());
  Result<std::vector<User>> List();
  Result<std::optional<User>> Get(const std::string& name);
  // False when there is no such user. A disabled user cannot log in; its sessions end.
  Result<bool> Disable(const std::string& name, const std::string& who = CurrentUserName());
  // The user when `password` is theirs and they are enabled; nullopt otherwise (unknown names
  // take as long as known ones).
  Result<std::optional<User>> Verify(const std::string& name, std::string_view password);

 private:
  Database& db_;
};

}  // namespace partyscreen
