// A minimal SQL connection interface so that the store's logic is written once and runs on both
// SQLite (the embedded default) and PostgreSQL (larger deployments).
//
// Contract: statements use `?` placeholders (PostgresConnection rewrites them to $1..$n); every
// value read back is text (or NULL), parsed by the caller; the SQL used by the store is the common
// subset of both dialects (TEXT, BIGINT, DOUBLE PRECISION, INSERT ... ON CONFLICT). BeginWrite()
// starts a transaction that holds the write lock (SQLite BEGIN IMMEDIATE) so that read-then-write
// sequences such as extending the audit hash chain are serialised across processes.
// Thread safety: a connection is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "partyscreen/status.h"

namespace partyscreen {
class Database;
}

namespace partyscreen::store {

using SqlParam = std::variant<std::monostate, int64_t, double, std::string>;
using SqlRow = std::vector<std::optional<std::string>>;

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  // Runs one or more statements without parameters (schema scripts).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Runs one statement; returns the rows it produced (none for INSERT/UPDATE/DELETE).
  virtual Result<std::vector<SqlRow>> Query(const std::string& sql,
                                            const std::vector<SqlParam>& params = {}) = 0;
  // Runs one query and calls `fn` for each row as it is read, without holding the whole result
  // (large scans). The row is valid only during the call; `fn` returning an error stops the scan
  // and is returned. `fn` may run other statements on the same connection.
  using RowVisitor = std::function<Status(const SqlRow&)>;
  virtual Status ForEachRow(const std::string& sql, const std::vector<SqlParam>& params,
                            const RowVisitor& fn) = 0;
  // Runs one statement that produces no rows.
  Status Run(const std::string& sql, const std::vector<SqlParam>& params = {}) {
    auto r = Query(sql, params);
    return r.ok() ? Status::Ok() : r.status();
  }

  virtual Status BeginWrite() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // " FOR UPDATE" where the dialect supports row locks inside a write transaction, else "".
  virtual std::string_view ForUpdate() const = 0;
  // Inside a write transaction: waits until no other transaction, in any process, holds `key`,
  // and holds it until this transaction ends. Serialises appends to one sequence (the audit
  // chain) even before its head row exists, which FOR UPDATE cannot lock. PostgreSQL: a
  // transaction-scoped advisory lock; SQLite: nothing (BEGIN IMMEDIATE already holds the
  // database's only write lock).
  virtual Status LockKey(int64_t key) = 0;
  virtual std::string_view dialect() const = 0;  // "sqlite" or "postgres"
};

// Opens `location`: a PostgreSQL URL/conninfo ("postgresql://...", "postgres://...", "host=...")
// or else a SQLite file path (created on first use, WAL mode). `read_only`: nothing is created or
// written (SQLite: the file opened read-only and query_only; PostgreSQL: read-only transactions),
// so a database on a read-only file or mount, or with a read-only role, can still be read.
Result<std::unique_ptr<SqlConnection>> OpenSqlConnection(const std::string& location,
                                                         bool read_only = false);

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, bool read_only = false);
Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& conninfo,
                                                    bool read_only = false);
bool IsPostgresLocation(std::string_view location);
// A SQLite database that lives only in this connection (":memory:" or no path).
bool IsInMemoryLocation(std::string_view location);

// Commits on Commit(); rolls back in the destructor otherwise (RAII for early returns).
class WriteTransaction {
 public:
  explicit WriteTransaction(SqlConnection& conn) : conn_(conn) { status_ = conn_.BeginWrite(); }
  ~WriteTransaction() {
    if (status_.ok() && !done_) (void)conn_.Rollback();
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  const Status& status() const { return status_; }
  Status Commit() {
    done_ = true;
    return conn_.Commit();
  }

 private:
  SqlConnection& conn_;
  Status status_;
  bool done_ = false;
};

// The connection a Database owns (include/partyscreen/store/database.h keeps it private): for the
// store's own code and its tests. Valid as long as the Database.
struct DatabaseAccess {
  static SqlConnection& Connection(Database& db);
};
inline SqlConnection& ConnectionOf(Database& db) { return DatabaseAccess::Connection(db); }

// Text -> number helpers for values read back (0 on NULL or garbage).
int64_t AsInt(const std::optional<std::string>& v);
double AsDouble(const std::optional<std::string>& v);
std::string AsText(const std::optional<std::string>& v);

}  // namespace partyscreen::store
