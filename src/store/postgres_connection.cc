// SqlConnection over PostgreSQL (libpq), compiled when PARTYSCREEN_HAVE_POSTGRES is defined.
#include "store/sql.h"

#ifdef PARTYSCREEN_HAVE_POSTGRES
#include <libpq-fe.h>

#include <charconv>
#include <memory>
#endif

namespace partyscreen::store {

#ifdef PARTYSCREEN_HAVE_POSTGRES
namespace {

// "a = ? AND b = ?" -> "a = $1 AND b = $2" (placeholders inside quoted literals are left alone).
std::string NumberPlaceholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$' + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Status ExecScript(std::string_view sql) override {
    PGresult* res = PQexec(conn_, std::string(sql).c_str());
    const ExecStatusType st = PQresultStatus(res);
    Status s = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
                   ? Status::Ok()
                   : Status::IoError(std::string("postgres: ") + PQresultErrorMessage(res));
    PQclear(res);
    return s;
  }

  Result<std::vector<SqlRow>> Query(const std::string& sql,
                                    const std::vector<SqlParam>& params) override {
    auto res = Exec(sql, params);
    if (!res.ok()) return res.status();
    std::vector<SqlRow> rows(PQntuples(res->get()));
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) ReadRow(res->get(), r, rows[r]);
    return rows;
  }

  // libpq receives the whole result before the first row is visited (the connection is then free
  // for `fn`'s own statements); rows are converted one at a time.
  Status ForEachRow(const std::string& sql, const std::vector<SqlParam>& params,
                    const RowVisitor& fn) override {
    auto res = Exec(sql, params);
    if (!res.ok()) return res.status();
    SqlRow row;
    for (int r = 0; r < PQntuples(res->get()); ++r) {
      ReadRow(res->get(), r, row);
      Status s = fn(row);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  Status BeginWrite() override { return ExecScript("BEGIN"); }
  Status Commit() override { return ExecScript("COMMIT"); }
  Status Rollback() override { return ExecScript("ROLLBACK"); }
  std::string_view ForUpdate() const override { return " FOR UPDATE"; }
  Status LockKey(int64_t key) override {
    auto r = Exec("SELECT pg_advisory_xact_lock(" + std::to_string(key) + ")", {});
    return r.ok() ? Status::Ok() : r.status();
  }
  std::string_view dialect() const override { return "postgres"; }

 private:
  using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

  Result<ResultPtr> Exec(const std::string& sql, const std::vector<SqlParam>& params) {
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlParam& p = params[i];
      if (std::holds_alternative<int64_t>(p)) {
        text[i] = std::to_string(std::get<int64_t>(p));
      } else if (std::holds_alternative<double>(p)) {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, std::get<double>(p));
        text[i] = std::string(buf, r.ptr);
      } else if (std::holds_alternative<std::string>(p)) {
        text[i] = std::get<std::string>(p);
      } else {
        continue;  // NULL
      }
      values[i] = text[i].c_str();
    }
    ResultPtr res(
        PQexecParams(conn_, NumberPlaceholders(sql).c_str(), static_cast<int>(params.size()),
                     nullptr, values.data(), nullptr, nullptr, 0),
        &PQclear);
    const ExecStatusType st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
      return Status::IoError(std::string("postgres: ") + PQresultErrorMessage(res.get()) +
                             " (in: " + sql.substr(0, 80) + ")");
    return res;
  }

  static void ReadRow(const PGresult* res, int r, SqlRow& row) {
    const int cols = PQnfields(res);
    row.resize(cols);
    for (int c = 0; c < cols; ++c) {
      if (PQgetisnull(res, r, c)) {
        row[c].reset();
      } else {
        row[c].emplace(PQgetvalue(res, r, c), PQgetlength(res, r, c));
      }
    }
  }

  PGconn* conn_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& conninfo, bool read_only) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    return Status::IoError("postgres: cannot connect: " + msg);
  }
  auto c = std::make_unique<PostgresConnection>(conn);
  Status s = c->ExecScript(read_only ? "SET client_min_messages = warning;"
                                       " SET default_transaction_read_only = on"
                                     : "SET client_min_messages = warning");
  if (!s.ok()) return s;
  return std::unique_ptr<SqlConnection>(std::move(c));
}

#else

Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string&, bool) {
  return Status::Unsupported(
      "postgres: this build has no PostgreSQL support (libpq not found at configure time)");
}

#endif

}  // namespace partyscreen::store
