// SqlConnection over SQLite: one database file, WAL journal, prepared statements cached per SQL
// text.
#include <sqlite3.h>
#include <unistd.h>

#include <charconv>
#include <unordered_map>

#include "store/sql.h"

namespace partyscreen::store {

namespace {

constexpr int kBusyTimeoutMs = 60000;

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Status ExecScript(std::string_view sql) override {
    char* err = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      return Status::IoError("sqlite: " + msg);
    }
    return Status::Ok();
  }

  Result<std::vector<SqlRow>> Query(const std::string& sql,
                                    const std::vector<SqlParam>& params) override {
    auto stmt = Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    std::vector<SqlRow> rows;
    Status s = Run(*stmt, sql, params, [&](const SqlRow& row) {
      rows.push_back(row);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return rows;
  }

  Status ForEachRow(const std::string& sql, const std::vector<SqlParam>& params,
                    const RowVisitor& fn) override {
    // A statement of its own (not the cache), so that `fn` may run any cached statement, even
    // the same SQL text, while this one is stepping.
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
      sqlite3_finalize(stmt);
      return PrepareError(sql);
    }
    Status s = Run(stmt, sql, params, fn);
    sqlite3_finalize(stmt);
    return s;
  }

  Status BeginWrite() override { return ExecScript("BEGIN IMMEDIATE"); }
  Status Commit() override { return ExecScript("COMMIT"); }
  Status Rollback() override { return ExecScript("ROLLBACK"); }
  std::string_view ForUpdate() const override { return ""; }
  Status LockKey(int64_t) override { return Status::Ok(); }
  std::string_view dialect() const override { return "sqlite"; }

 private:
  Result<sqlite3_stmt*> Prepare(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
      sqlite3_finalize(stmt);
      return PrepareError(sql);
    }
    statements_.emplace(sql, stmt);
    return stmt;
  }

  Status PrepareError(const std::string& sql) const {
    return Status::Internal(std::string("sqlite: ") + sqlite3_errmsg(db_) +
                            " (in: " + sql.substr(0, 80) + ")");
  }

  static void Bind(sqlite3_stmt* s, const std::vector<SqlParam>& params) {
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      const SqlParam& p = params[i];
      if (std::holds_alternative<int64_t>(p)) {
        sqlite3_bind_int64(s, idx, std::get<int64_t>(p));
      } else if (std::holds_alternative<double>(p)) {
        sqlite3_bind_double(s, idx, std::get<double>(p));
      } else if (std::holds_alternative<std::string>(p)) {
        const std::string& t = std::get<std::string>(p);
        sqlite3_bind_text(s, idx, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_null(s, idx);
      }
    }
  }

  static void Assign(std::optional<std::string>& cell, const char* data, size_t size) {
    if (cell) {
      cell->assign(data, size);
    } else {
      cell.emplace(data, size);
    }
  }

  // Reads the current row into `row` (reusing its storage).
  static void ReadRow(sqlite3_stmt* s, SqlRow& row) {
    const int n = sqlite3_column_count(s);
    row.resize(n);
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(s, c)) {
        case SQLITE_NULL:
          row[c].reset();
          break;
        case SQLITE_FLOAT: {  // shortest round-trip text, unlike sqlite's own 15-digit form
          char buf[32];
          auto res = std::to_chars(buf, buf + sizeof buf, sqlite3_column_double(s, c));
          Assign(row[c], buf, res.ptr - buf);
          break;
        }
        default: {
          const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
          Assign(row[c], t, sqlite3_column_bytes(s, c));
        }
      }
    }
  }

  // Binds, steps through every row calling `fn`, and resets the statement.
  Status Run(sqlite3_stmt* s, const std::string& sql, const std::vector<SqlParam>& params,
             const RowVisitor& fn) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    Bind(s, params);
    SqlRow row;
    for (;;) {
      const int rc = sqlite3_step(s);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        std::string msg = sqlite3_errmsg(db_);
        sqlite3_reset(s);
        return Status::IoError("sqlite: " + msg + " (in: " + sql.substr(0, 80) + ")");
      }
      ReadRow(s, row);
      Status st = fn(row);
      if (!st.ok()) {
        sqlite3_reset(s);
        return st;
      }
    }
    sqlite3_reset(s);
    return Status::Ok();
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// "file:PATH?immutable=1" with the URI's special characters escaped.
std::string ImmutableUri(const std::string& path) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static const char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 15];
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

Result<std::unique_ptr<SqliteConnection>> OpenSqliteHandle(const std::string& name, int flags,
                                                           const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(name.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IoError(path + ": cannot open database: " + msg);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  return std::make_unique<SqliteConnection>(db);
}

// Read-only: nothing created or written. A WAL database needs its -shm file, which cannot be made
// on read-only storage; when it cannot be read for that reason and there is no -wal file (so no
// writer has uncommitted pages), the file is opened as immutable.
Result<std::unique_ptr<SqlConnection>> OpenSqliteReadOnly(const std::string& path) {
  auto conn = OpenSqliteHandle(path, SQLITE_OPEN_READONLY, path);
  if (!conn.ok()) return conn.status();
  if (!(*conn)->ExecScript("SELECT 1 FROM sqlite_master LIMIT 1").ok() &&
      ::access((path + "-wal").c_str(), F_OK) != 0) {
    conn = OpenSqliteHandle(ImmutableUri(path), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path);
    if (!conn.ok()) return conn.status();
  }
  Status s = (*conn)->ExecScript("PRAGMA query_only=1; PRAGMA temp_store=MEMORY;");
  if (!s.ok()) return Status::IoError(path + ": " + s.message());
  return std::unique_ptr<SqlConnection>(std::move(conn).value());
}

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path, bool read_only) {
  if (read_only) return OpenSqliteReadOnly(path);
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IoError(path + ": cannot open database: " + msg);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto conn = std::make_unique<SqliteConnection>(db);
  // WAL: readers never block the writer; NORMAL sync is durable at every checkpoint and keeps the
  // database consistent after a crash (a committed transaction survives a process kill).
  Status s = conn->ExecScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
      " PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
  if (!s.ok()) return Status::IoError(path + ": " + s.message());
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

bool IsPostgresLocation(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://") ||
         location.starts_with("host=") || location.starts_with("dbname=");
}

bool IsInMemoryLocation(std::string_view location) {
  return location.empty() || location == ":memory:";
}

Result<std::unique_ptr<SqlConnection>> OpenSqlConnection(const std::string& location,
                                                         bool read_only) {
  if (IsPostgresLocation(location)) return OpenPostgres(location, read_only);
  return OpenSqlite(location, read_only);
}

int64_t AsInt(const std::optional<std::string>& v) {
  if (!v) return 0;
  int64_t out = 0;
  std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}

double AsDouble(const std::optional<std::string>& v) {
  if (!v) return 0;
  double out = 0;
  std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}

std::string AsText(const std::optional<std::string>& v) { return v ? *v : std::string(); }

}  // namespace partyscreen::store
