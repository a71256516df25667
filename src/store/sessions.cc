// Workbench sessions in the database (sessions.h).
#include "partyscreen/store/sessions.h"

#include "core/sha256.h"
#include "store/sql.h"

namespace partyscreen {

namespace {

// The key of a session's row: the token's SHA-256, never the token.
std::string TokenKey(const std::string& token) { return Sha256Hex(token); }

}  // namespace

Status SessionTable::Add(const std::string& token, const StoredSession& session, int64_t now_unix) {
  store::SqlConnection& conn = store::ConnectionOf(db_);
  store::WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  // Integers are written into the statement (std::to_string: digits only) rather than bound: GCC
  // 12 reports a false maybe-uninitialized on a braced list of one integer parameter.
  Status s = conn.Run("DELETE FROM ui_sessions WHERE expires_unix < " + std::to_string(now_unix));
  if (!s.ok()) return s;
  s = conn.Run(
      "INSERT INTO ui_sessions (token_hash, user_name, csrf, expires_unix)"
      " VALUES (?, ?, ?, " +
          std::to_string(session.expires_unix) + ")",
      {TokenKey(token), session.user, session.csrf});
  if (!s.ok()) return s;
  return txn.Commit();
}

Result<std::optional<StoredSession>> SessionTable::Find(const std::string& token,
                                                        int64_t now_unix) {
  if (token.empty()) return std::optional<StoredSession>();
  auto rows = store::ConnectionOf(db_).Query(
      "SELECT user_name, csrf, expires_unix FROM ui_sessions WHERE token_hash = ?",
      {TokenKey(token)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<StoredSession>();
  StoredSession s{store::AsText(rows->front()[0]), store::AsText(rows->front()[1]),
                  store::AsInt(rows->front()[2])};
  if (s.expires_unix < now_unix) return std::optional<StoredSession>();
  return std::optional<StoredSession>(std::move(s));
}

Status SessionTable::Extend(const std::string& token, int64_t expires_unix) {
  return store::ConnectionOf(db_).Run("UPDATE ui_sessions SET expires_unix = " +
                                          std::to_string(expires_unix) + " WHERE token_hash = ?",
                                      {TokenKey(token)});
}

Status SessionTable::Remove(const std::string& token) {
  return store::ConnectionOf(db_).Run("DELETE FROM ui_sessions WHERE token_hash = ?",
                                      {TokenKey(token)});
}

}  // namespace partyscreen
