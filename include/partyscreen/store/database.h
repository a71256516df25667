// Database: an open store (customer register, audit trail, reviews, archived snapshots, re-screen
// runs), its schema migrated to the current version. Persisted in SQLite (the embedded default:
// one file, WAL) or PostgreSQL (same schema; pass a "postgresql://..." location).
//
// Ownership: a Database owns one connection. CustomerRegister, AuditLog, ReviewLog,
// SnapshotArchive and Rescreener borrow a Database& that must outlive them.
// Thread safety: a Database (and the objects borrowing it) is used by one thread at a time; open
// one Database per thread.
// Durability: every operation commits in transactions; a process killed at any point leaves the
// database consistent, and re-running an import or re-screen finishes the work without duplicates.
// The SQL layer is private to src/store/ (store/sql.h): nothing here exposes it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "partyscreen/status.h"

namespace partyscreen {

namespace store {
struct DatabaseAccess;  // src/store/sql.h: the store's own code reaches the connection through it
}

// kReadWrite: creates the SQLite file on first use and migrates the schema.
// kReadOnly:  writes nothing (works on a read-only file, mount or role); the file must exist and
//             be at this binary's schema version. For commands that only read (audit verify and
//             export, customers list/show, diff); a write through it fails.
// Either way Open refuses, with a message naming the database, a schema newer than this binary's
// (written by a later partyscreen: not written to, not misread) and a schema missing one of its
// tables (damaged or altered by hand).
enum class DbAccess { kReadWrite, kReadOnly };

class Database {
 public:
  // `location`: a file path (SQLite) or a PostgreSQL URL / conninfo.
  static Result<std::unique_ptr<Database>> Open(const std::string& location,
                                                DbAccess access = DbAccess::kReadWrite);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& location() const { return location_; }
  // Random, made when the database is created: names it in files derived from it.
  const std::string& id() const { return id_; }
  int schema_version() const { return schema_version_; }

  static int CurrentSchemaVersion();

 private:
  friend struct store::DatabaseAccess;
  struct Connection;  // the SQL connection (database.cc)
  Database(std::string location, std::unique_ptr<Connection> conn);
  std::string location_;
  std::unique_ptr<Connection> conn_;
  std::string id_;
  int schema_version_ = 0;
};

// True when `location` names a PostgreSQL database (a URL or conninfo), which several processes
// on several machines may share; false for a SQLite file.
bool IsPostgresDatabase(std::string_view location);

// The name recorded as "who" for CLI work: $USER, else the passwd entry of the effective uid.
std::string CurrentUserName();
// UTC now as "2026-11-29T03:04:05.123Z" (the store's time format; sorts as text).
std::string UtcNowIso();

}  // namespace partyscreen
