// Workbench accounts (users.h): Argon2id hashes through libsodium, one audited transaction per
// change.
#include "partyscreen/store/users.h"

#include <sodium.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "partyscreen/store/audit.h"
#include "store/audit_chain.h"
#include "store/sql.h"

namespace partyscreen {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAnalyst:
      return "analyst";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kAdmin:
      return "admin";
  }
  return "analyst";
}

std::optional<Role> ParseRole(std::string_view text) {
  for (Role r : {Role::kAnalyst, Role::kSupervisor, Role::kAdmin})
    if (RoleName(r) == text) return r;
  return std::nullopt;
}

namespace {

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;  // idempotent and thread-safe in libsodium
  return ready;
}

bool ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_')
      return false;
  return true;
}

User UserFromRow(const store::SqlRow& r) {
  User u;
  u.name = store::AsText(r[0]);
  u.role = ParseRole(store::AsText(r[1])).value_or(Role::kAnalyst);
  u.disabled = store::AsInt(r[2]) != 0;
  u.created_at = store::AsText(r[3]);
  u.created_by = store::AsText(r[4]);
  return u;
}

constexpr const char* kUserColumns = "name, role, disabled, created_at, created_by";

AuditRecord UserAudit(const std::string& who, const nlohmann::json& detail) {
  AuditRecord rec;
  rec.kind = "user";
  rec.who = who;
  rec.query_json = "{}";
  rec.engine = EngineVersion();
  rec.detail_json = detail.dump();
  return rec;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  if (!SodiumReady()) return Status::Internal("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status::Internal("password hashing ran out of memory");
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (!SodiumReady() || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<User> UserStore::Add(const std::string& name, std::string_view password, Role role,
                            const std::string& who) {
  if (!ValidName(name))
    return Status::InvalidArgument("user name '" + name +
                                   "': use 1-64 letters, digits, '.', '-' or '_'");
  if (password.size() < 10)
    return Status::InvalidArgument("password of " + name + ": at least 10 characters");
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  store::SqlConnection& conn = store::ConnectionOf(db_);
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  auto existing = conn.Query("SELECT name FROM users WHERE name = ?", {name});
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return Status::InvalidArgument("user " + name + " exists already");
  User u{name, role, false, UtcNowIso(), who};
  Status s = conn.Run(
      "INSERT INTO users (name, role, password_hash, disabled, created_at, created_by)"
      " VALUES (?, ?, ?, 0, ?, ?)",
      {name, std::string(RoleName(role)), *hash, u.created_at, who});
  if (!s.ok()) return s;
  auto seq = store::AppendAuditInTransaction(
      conn, {UserAudit(who, {{"action", "add"}, {"user", name}, {"role", RoleName(role)}})});
  if (!seq.ok()) return seq.status();
  if (s = txn.Commit(); !s.ok()) return s;
  return u;
}

Result<std::vector<User>> UserStore::List() {
  auto rows = store::ConnectionOf(db_).Query(std::string("SELECT ") + kUserColumns +
                                             " FROM users ORDER BY name");
  if (!rows.ok()) return rows.status();
  std::vector<User> out;
  for (const store::SqlRow& r : *rows) out.push_back(UserFromRow(r));
  return out;
}

Result<std::optional<User>> UserStore::Get(const std::string& name) {
  auto rows = store::ConnectionOf(db_).Query(
      std::string("SELECT ") + kUserColumns + " FROM users WHERE name = ?", {name});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<User>();
  return std::optional<User>(UserFromRow(rows->front()));
}

Result<bool> UserStore::Disable(const std::string& name, const std::string& who) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  auto existing = conn.Query("SELECT name FROM users WHERE name = ?", {name});
  if (!existing.ok()) return existing.status();
  if (existing->empty()) return false;
  Status s = conn.Run("UPDATE users SET disabled = 1 WHERE name = ?", {name});
  if (!s.ok()) return s;
  auto seq = store::AppendAuditInTransaction(
      conn, {UserAudit(who, {{"action", "disable"}, {"user", name}})});
  if (!seq.ok()) return seq.status();
  if (s = txn.Commit(); !s.ok()) return s;
  return true;
}

Result<std::optional<User>> UserStore::Verify(const std::string& name, std::string_view password) {
  auto rows = store::ConnectionOf(db_).Query(
      std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE name = ?", {name});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    // The same work as for a known name, so timing does not tell which names exist.
    static const Result<std::string> dummy = HashPassword("partyscreen-no-such-user");
    if (dummy.ok()) (void)VerifyPassword(*dummy, password);
    return std::optional<User>();
  }
  User u = UserFromRow(rows->front());
  if (!VerifyPassword(store::AsText(rows->front()[5]), password) || u.disabled)
    return std::optional<User>();
  return std::optional<User>(std::move(u));
}

}  // namespace partyscreen
