#include "server/ui/sessions.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>

#include "core/clock.h"
#include "partyscreen/store/sessions.h"

namespace partyscreen::server::ui {

std::string RandomToken(size_t bytes) {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

bool SameToken(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

// A session's expiry moves at most this often (seconds): a request within a minute of the last
// move writes nothing.
constexpr int64_t kExtendEvery = 60;

}  // namespace

Result<Session> SessionStore::Create(Database& db, const User& user) {
  Session s{RandomToken(), RandomToken(), user.name, user.role};
  const auto now = static_cast<int64_t>(UnixSeconds());
  Status added = SessionTable(db).Add(
      s.token, {s.user, s.csrf, now + static_cast<int64_t>(ttl_.count())}, now);
  if (!added.ok()) return added;
  return s;
}

Result<std::optional<Session>> SessionStore::Find(Database& db, const std::string& token) {
  const auto now = static_cast<int64_t>(UnixSeconds());
  auto stored = SessionTable(db).Find(token, now);
  if (!stored.ok()) return stored.status();
  if (!*stored) return std::optional<Session>();
  const int64_t expires = now + static_cast<int64_t>(ttl_.count());
  if (expires - (*stored)->expires_unix >= kExtendEvery) {
    if (Status s = SessionTable(db).Extend(token, expires); !s.ok()) return s;
  }
  return std::optional<Session>(Session{token, (*stored)->csrf, (*stored)->user, Role::kAnalyst});
}

Status SessionStore::Remove(Database& db, const std::string& token) {
  return SessionTable(db).Remove(token);
}

int64_t LoginThrottle::LockedFor(const std::string& key, const ThrottlePolicy&) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  const auto left = it->second.locked_until - SteadyClock::now();
  if (left <= SteadyClock::duration::zero()) return 0;
  return std::max<int64_t>(1, std::chrono::ceil<std::chrono::seconds>(left).count());
}

void LoginThrottle::Failed(const std::string& key, const ThrottlePolicy& policy) {
  std::lock_guard lock(mu_);
  Entry& e = entries_[key];
  ++e.failures;
  const int over = e.failures - policy.free_failures;
  if (over < 0) return;
  auto lock_for = policy.base_lock * (int64_t{1} << std::min(over, 20));
  e.locked_until = SteadyClock::now() + std::min<std::chrono::seconds>(lock_for, policy.max_lock);
}

void LoginThrottle::Succeeded(const std::string& key) {
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

}  // namespace partyscreen::server::ui
