// Workbench login sessions, kept in the database so that every server on it knows them (several
// `serve --db postgresql://...` behind one load balancer need no sticky sessions) and a restart
// logs nobody out.
//
// A row per session: a SHA-256 of the session token (the cookie; the token itself is never
// stored, so a reader of the database cannot take a session over), the user, the session's CSRF
// token (worthless without the cookie) and when it expires (Unix seconds on the server's clock).
// Whether the user is still enabled, and their role, are read from `users` on each request
// (server/ui/ui_state.cc), not kept here.
//
// Ownership: SessionTable borrows a Database& that must outlive it.
// Thread safety: one thread at a time per Database (database.h).
// Durability: each method is one statement (its own transaction).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

struct StoredSession {
  std::string user;
  std::string csrf;
  int64_t expires_unix = 0;
};

class SessionTable {
 public:
  explicit SessionTable(Database& db) : db_(db) {}

  // Records a new session (and drops the sessions expired at `now_unix`).
  Status Add(const std::string& token, const StoredSession& session, int64_t now_unix);
  // The session of `token` unless unknown or expired at `now_unix`.
  Result<std::optional<StoredSession>> Find(const std::string& token, int64_t now_unix);
  // Moves the expiry of `token`'s session (activity keeps a session alive).
  Status Extend(const std::string& token, int64_t expires_unix);
  // Ends the session of `token` (logout; a disabled user).
  Status Remove(const std::string& token);

 private:
  Database& db_;
};

}  // namespace partyscreen
