// Workbench sessions and login throttling, both in memory (a restart logs everyone out and
// forgets failed attempts).
//
// SessionStore: a random 256-bit token per login (the HttpOnly cookie) with its own random CSRF
// token, which every form POST must echo; sessions end after `ttl` of inactivity or at logout.
// LoginThrottle: failed logins are counted per key ("user:NAME", "addr:IP"); past `free_failures`
// the key is locked for `base_lock` doubling with each further failure (at most `max_lock`), and
// a locked key is refused even with the right password. A success clears the user's key.
// Thread safety: every method from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

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
  Session Create(const User& user);
  std::optional<Session> Find(const std::string& token);  // refreshes its expiry
  void Remove(const std::string& token);

 private:
  struct Entry {
    Session session;
    SteadyClock::time_point expires;
  };
  std::chrono::seconds ttl_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> sessions_;
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
