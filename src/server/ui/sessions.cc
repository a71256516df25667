#include "server/ui/sessions.h"

#include <sodium.h>

#include <algorithm>

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

Session SessionStore::Create(const User& user) {
  Session s{RandomToken(), RandomToken(), user.name, user.role};
  std::lock_guard lock(mu_);
  const auto now = SteadyClock::now();
  std::erase_if(sessions_, [&](const auto& e) { return e.second.expires < now; });
  sessions_[s.token] = {s, now + ttl_};
  return s;
}

std::optional<Session> SessionStore::Find(const std::string& token) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  const auto now = SteadyClock::now();
  if (it->second.expires < now) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.expires = now + ttl_;
  return it->second.session;
}

void SessionStore::Remove(const std::string& token) {
  std::lock_guard lock(mu_);
  sessions_.erase(token);
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
