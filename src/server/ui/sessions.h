// Workbench sessions and login throttling.
//
// SessionStore: a random 256-bit token per login (the HttpOnly cookie) with its own random CSRF
// token, which every form POST must echo; sessions end after `ttl` without a request, or at
// logout. They are kept in the database (store/sessions.h: the token's SHA-256), so every server
// on one database knows a login (no sticky sessions behind a load balancer) and a restart logs
// nobody out. A request moves the expiry at most once a minute (not a write per page view).
// LoginThrottle: failed logins are counted per key ("user:NAME", "addr:IP"), in memory, per
// server; past `free_failures` the key is locked for `base_lock` doubling with each further
// failure (at most `max_lock`), and a locked key is refused even with the right password. A
// success clears the user's key.
// Thread safety: every method from any thread (SessionStore with one Database per thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "partyscreen/status.h"
#include "partyscreen/store/database.h"
#include "partyscreen/store/users.h"

namespace partyscreen::server::ui {

using SteadyClock = std::chrono::steady_clock;

// 2 * bytes hex digits from the system's random source (libsodium randombytes).
std::string RandomToken(size_t bytes = 32);
// Constant-time equality of two tokens.
bool SameToken(const std::string& a, const std::string& b);

struct Session {
  std::string token, csrf;
  std::string user;
  Role role = Role::kAnalyst;
};

class SessionStore {
 public:
  explicit SessionStore(std::chrono::seconds ttl) : ttl_(ttl) {}
  Result<Session> Create(Database& db, const User& user);
  // The session of `token` (its role not yet read: RequireUser reads it from the user), nullopt
  // when unknown or expired; extends its expiry.
  Result<std::optional<Session>> Find(Database& db, const std::string& token);
  Status Remove(Database& db, const std::string& token);

 private:
  std::chrono::seconds ttl_;
};

struct ThrottlePolicy {
  int free_failures = 5;
  std::chrono::seconds base_lock{30};
  std::chrono::seconds max_lock{900};
};

class LoginThrottle {
 public:
  LoginThrottle() = default;
  // Seconds until `key` may try again (0: now).
  int64_t LockedFor(const std::string& key, const ThrottlePolicy& policy);
  void Failed(const std::string& key, const ThrottlePolicy& policy);
  void Succeeded(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    SteadyClock::time_point locked_until{};
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace partyscreen::server::ui
