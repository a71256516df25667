// Database::Open and the versioned schema. Migrations run in order, each in its own write
// transaction that also records its version, so opening an up-to-date database changes nothing and
// two processes opening a fresh file at once cannot both apply a migration.
#include "partyscreen/store/database.h"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <random>

#include "core/strings.h"
#include "fmt/format.h"
#include "store/sql.h"

namespace partyscreen {

namespace {

std::string RandomHex(size_t bytes) {
  std::random_device rd;
  std::string out;
  for (size_t i = 0; i < bytes; ++i) out += fmt::format("{:02x}", rd() & 0xff);
  return out;
}

struct Migration {
  int version;
  const char*
      sql;  // statements separated by ';' ({SEMI} inside a statement; {sqlite}: SQLite only)
};

// The schema. Only common SQL (SQLite and PostgreSQL): TEXT, BIGINT, DOUBLE PRECISION.
constexpr Migration kMigrations[] = {
    {1,
     "CREATE TABLE IF NOT EXISTS customers ("
     "  id TEXT PRIMARY KEY, name TEXT NOT NULL, schema TEXT NOT NULL, country TEXT NOT NULL,"
     "  birth_date TEXT NOT NULL, identifiers TEXT NOT NULL, content_hash TEXT NOT NULL,"
     "  updated_at TEXT NOT NULL, screened_snapshot TEXT, screened_at TEXT);"
     // Customer-side inverted index of schema 1 (dropped by migration 2).
     "CREATE TABLE IF NOT EXISTS customer_keys ("
     "  blocking_key BIGINT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (blocking_key, "
     "customer_id)){WITHOUT_ROWID};"
     "CREATE TABLE IF NOT EXISTS alerts ("
     "  customer_id TEXT NOT NULL, entity_id TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,"
     "  matched_name TEXT NOT NULL, state TEXT NOT NULL, snapshot TEXT NOT NULL,"
     "  PRIMARY KEY (customer_id, entity_id));"
     "CREATE INDEX IF NOT EXISTS alerts_by_entity ON alerts (entity_id);"
     "CREATE TABLE IF NOT EXISTS audit ("
     "  seq BIGINT PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, who TEXT NOT NULL,"
     "  body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
     "CREATE INDEX IF NOT EXISTS audit_by_time ON audit (at);"
     "CREATE TABLE IF NOT EXISTS audit_head (id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT "
     "NOT NULL);"
     "CREATE TABLE IF NOT EXISTS reviews ("
     "  customer_id TEXT NOT NULL, entity_id TEXT NOT NULL, decision TEXT NOT NULL, reason TEXT "
     "NOT NULL,"
     "  reviewer TEXT NOT NULL, at TEXT NOT NULL, customer_hash TEXT NOT NULL, entity_hash TEXT "
     "NOT NULL,"
     "  audit_seq BIGINT NOT NULL, PRIMARY KEY (customer_id, entity_id));"
     "CREATE TABLE IF NOT EXISTS snapshots ("
     "  hash TEXT PRIMARY KEY, saved_at TEXT NOT NULL, entity_count BIGINT NOT NULL);"
     "CREATE TABLE IF NOT EXISTS snapshot_entities ("
     "  snapshot_hash TEXT NOT NULL, entity_id TEXT NOT NULL, name TEXT NOT NULL, content_hash "
     "TEXT NOT NULL,"
     "  body TEXT NOT NULL, PRIMARY KEY (snapshot_hash, entity_id));"
     "CREATE TABLE IF NOT EXISTS rescreen_runs ("
     "  id TEXT PRIMARY KEY, kind TEXT NOT NULL, snapshot TEXT NOT NULL, base_snapshot TEXT NOT "
     "NULL,"
     "  threshold DOUBLE PRECISION NOT NULL, engine TEXT NOT NULL, started_at TEXT NOT NULL,"
     "  last_customer TEXT NOT NULL, state TEXT NOT NULL, finished_at TEXT,"
     "  screened BIGINT NOT NULL, new_alerts BIGINT NOT NULL, cleared_alerts BIGINT NOT NULL);"
     "CREATE TABLE IF NOT EXISTS store_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"},
    // Screening epochs replace the per-customer screened_snapshot (see screening_epochs.h), and the
    // customer-side blocking index is gone (delta re-screening indexes the register in memory).
    // Customers screened before this version keep their snapshot in an epoch of unknown engine
    // and threshold, so the next delta screens them fully; runs left unfinished cannot resume.
    {2,
     "DROP TABLE IF EXISTS customer_keys;"
     "DELETE FROM store_meta WHERE name = 'customer_keys_engine';"
     "CREATE TABLE IF NOT EXISTS screening_epochs ("
     "  id BIGINT PRIMARY KEY, snapshot TEXT NOT NULL, engine TEXT NOT NULL,"
     "  threshold DOUBLE PRECISION NOT NULL, updated_at TEXT NOT NULL);"
     "ALTER TABLE customers ADD COLUMN screened_epoch BIGINT;"
     "INSERT INTO screening_epochs (id, snapshot, engine, threshold, updated_at)"
     "  SELECT ROW_NUMBER() OVER (ORDER BY screened_snapshot), screened_snapshot, '', -1, ''"
     "  FROM (SELECT DISTINCT screened_snapshot FROM customers"
     "        WHERE screened_snapshot IS NOT NULL) AS old_state;"
     "UPDATE customers SET screened_epoch = (SELECT e.id FROM screening_epochs e"
     "  WHERE e.snapshot = customers.screened_snapshot) WHERE screened_snapshot IS NOT NULL;"
     "ALTER TABLE customers DROP COLUMN screened_snapshot;"
     "ALTER TABLE rescreen_runs ADD COLUMN epoch BIGINT;"
     "UPDATE rescreen_runs SET state = 'abandoned' WHERE state = 'running'"},
    // Register revisions (register_index.h): every customer write stamps the customer with a new,
    // ever larger revision, so a saved register index knows which customers were written after
    // it. The epoch index finds the customers a delta run must screen fully without a scan.
    {3,
     "ALTER TABLE customers ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;"
     "CREATE INDEX IF NOT EXISTS customers_by_revision ON customers (revision);"
     "CREATE INDEX IF NOT EXISTS customers_by_epoch ON customers (screened_epoch)"},
    // Review decisions on parties (reviews.h): a decision covers every listing of the party it was
    // made on, one row per listing, the rows sharing the decision's audit_seq; `party` names the
    // party. Rows written before keep party '': decisions on their listing alone, as they were.
    {4, "ALTER TABLE reviews ADD COLUMN party TEXT NOT NULL DEFAULT ''"},
    // The alert outbox (alert_events.h): new and reopened alerts, numbered in commit order from
    // the counter in store_meta, and each webhook's cursor into it.
    {5,
     "CREATE TABLE IF NOT EXISTS alert_events ("
     "  seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, kind TEXT NOT NULL,"
     "  customer_id TEXT NOT NULL, customer_name TEXT NOT NULL, entity_id TEXT NOT NULL,"
     "  entity_name TEXT NOT NULL, matched_name TEXT NOT NULL, list TEXT NOT NULL,"
     "  score DOUBLE PRECISION NOT NULL, state TEXT NOT NULL, snapshot TEXT NOT NULL,"
     "  run_id TEXT NOT NULL, reason TEXT NOT NULL);"
     "CREATE INDEX IF NOT EXISTS alert_events_by_time ON alert_events (at);"
     "CREATE TABLE IF NOT EXISTS webhook_cursors ("
     "  webhook TEXT PRIMARY KEY, label TEXT NOT NULL, delivered_seq BIGINT NOT NULL,"
     "  created_at TEXT NOT NULL, delivered_at TEXT NOT NULL, failures BIGINT NOT NULL,"
     "  last_error TEXT NOT NULL);"
     "INSERT INTO store_meta (name, value) VALUES ('alert_event_seq', '0') ON CONFLICT DO NOTHING"},
    // Dead letters (alert_events.h): events a webhook refused too often, set aside so that the
    // later ones flow; the cursor counts refusals apart from other failures.
    {6,
     "ALTER TABLE webhook_cursors ADD COLUMN refusals BIGINT NOT NULL DEFAULT 0;"
     "CREATE TABLE IF NOT EXISTS webhook_dead_letters ("
     "  webhook TEXT NOT NULL, seq BIGINT NOT NULL, at TEXT NOT NULL, error TEXT NOT NULL,"
     "  PRIMARY KEY (webhook, seq))"},
    // The workbench (docs/WORKBENCH.md): accounts with Argon2id password hashes (users.h), the
    // work state of an alert besides its review (assignee, escalation, a clearance waiting for a
    // second person) and its history (alert_queue.h); the queue pages alerts by state and score.
    {7,
     "CREATE TABLE IF NOT EXISTS users ("
     "  name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,"
     "  disabled BIGINT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL);"
     "CREATE TABLE IF NOT EXISTS alert_work ("
     "  customer_id TEXT NOT NULL, entity_id TEXT NOT NULL, assignee TEXT NOT NULL,"
     "  escalated BIGINT NOT NULL, pending_decision TEXT NOT NULL, pending_reason TEXT NOT NULL,"
     "  pending_by TEXT NOT NULL, pending_at TEXT NOT NULL, PRIMARY KEY (customer_id, entity_id));"
     "CREATE TABLE IF NOT EXISTS alert_actions ("
     "  audit_seq BIGINT PRIMARY KEY, customer_id TEXT NOT NULL, entity_id TEXT NOT NULL,"
     "  at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL,"
     "  reason TEXT NOT NULL);"
     "CREATE INDEX IF NOT EXISTS alert_actions_by_customer ON alert_actions (customer_id);"
     "CREATE INDEX IF NOT EXISTS alerts_by_state_score ON alerts (state, score);"
     "CREATE INDEX IF NOT EXISTS alert_events_by_alert ON alert_events (customer_id, entity_id)"},
    // Search by a part of a customer name (alert_queue.h): on SQLite an FTS5 trigram index of the
    // names, one row per customer under the customer's rowid, kept in step by triggers on every
    // insert, delete and rename. PostgreSQL uses a pg_trgm index when the server has the
    // extension (OpenPostgresExtras below), else the plain scan.
    {8,
     "{sqlite}CREATE VIRTUAL TABLE IF NOT EXISTS customer_names USING fts5(name,"
     " tokenize = 'trigram');"
     "{sqlite}INSERT INTO customer_names (rowid, name) SELECT rowid, name FROM customers;"
     "{sqlite}CREATE TRIGGER IF NOT EXISTS customer_names_insert AFTER INSERT ON customers BEGIN"
     " INSERT INTO customer_names (rowid, name) VALUES (new.rowid, new.name){SEMI} END;"
     "{sqlite}CREATE TRIGGER IF NOT EXISTS customer_names_delete AFTER DELETE ON customers BEGIN"
     " DELETE FROM customer_names WHERE rowid = old.rowid{SEMI} END;"
     "{sqlite}CREATE TRIGGER IF NOT EXISTS customer_names_rename AFTER UPDATE OF name ON customers"
     " BEGIN DELETE FROM customer_names WHERE rowid = old.rowid{SEMI}"
     " INSERT INTO customer_names (rowid, name) VALUES (new.rowid, new.name){SEMI} END"},
    // Several servers on one database (heartbeats.h): which snapshot each serves, and when it
    // last said so (beat_unix on the database's clock).
    {9,
     "CREATE TABLE IF NOT EXISTS server_heartbeats ("
     "  server_id TEXT PRIMARY KEY, snapshot TEXT NOT NULL, engine TEXT NOT NULL,"
     "  loaded_unix DOUBLE PRECISION NOT NULL, generation BIGINT NOT NULL, listen TEXT NOT NULL,"
     "  started_at TEXT NOT NULL, beat_at TEXT NOT NULL, beat_unix DOUBLE PRECISION NOT NULL)"},
    // The workbench's queue in its default order (open and reopened alerts by score, then
    // customer and listing: alert_queue.cc) walked through an index, so that a page, also of a
    // search by a part of the customer name that most names contain, stops at its last row
    // instead of sorting every open alert. Partial: only the alerts the queue shows by default.
    {10,
     "CREATE INDEX IF NOT EXISTS alerts_open_by_score ON alerts (score, customer_id, entity_id)"
     " WHERE state IN ('open', 'reopened')"},
    // Workbench sessions (sessions.h) in the database, so that every server on it knows a login:
    // the token's SHA-256, never the token.
    {11,
     "CREATE TABLE IF NOT EXISTS ui_sessions ("
     "  token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL, csrf TEXT NOT NULL,"
     "  expires_unix BIGINT NOT NULL)"},
};

// Every table of the current schema; Open checks that each is there.
constexpr const char* kTables[] = {"customers",
                                   "alerts",
                                   "audit",
                                   "audit_head",
                                   "reviews",
                                   "snapshots",
                                   "snapshot_entities",
                                   "rescreen_runs",
                                   "store_meta",
                                   "screening_epochs",
                                   "alert_events",
                                   "webhook_cursors",
                                   "webhook_dead_letters",
                                   "users",
                                   "alert_work",
                                   "alert_actions",
                                   "server_heartbeats",
                                   "ui_sessions"};
// Tables of the current schema on SQLite only.
constexpr const char* kSqliteTables[] = {"customer_names"};

// The highest schema version recorded, 0 for none.
Result<int> RecordedSchemaVersion(store::SqlConnection& c, const std::string& location) {
  auto rows = c.Query("SELECT MAX(version) FROM schema_version");
  if (!rows.ok()) {
    if (rows.status().message().find("no such table") == std::string::npos &&
        rows.status().message().find("does not exist") == std::string::npos)
      return Status::IoError(location + ": " + rows.status().message());
    return Status::Corrupt(location + ": not a partyscreen database (no schema_version table)");
  }
  return rows->empty() ? 0 : static_cast<int>(store::AsInt((*rows)[0][0]));
}

Status CheckTables(store::SqlConnection& c, const std::string& location) {
  std::vector<std::string> missing;
  std::vector<const char*> tables(std::begin(kTables), std::end(kTables));
  if (c.dialect() == "sqlite")
    tables.insert(tables.end(), std::begin(kSqliteTables), std::end(kSqliteTables));
  for (const char* table : tables)
    if (!c.Query(fmt::format("SELECT 1 FROM {} WHERE 1 = 0", table)).ok()) missing.push_back(table);
  if (missing.empty()) return Status::Ok();
  return Status::Corrupt(
      fmt::format("{}: the database is damaged: table(s) {} missing (dropped or altered outside "
                  "partyscreen); restore it from a backup",
                  location, Join(missing, ", ")));
}

// PostgreSQL: the trigram index that serves the queue's search by a part of a customer name
// (LOWER(name) LIKE '%part%', alert_queue.cc), when the server offers pg_trgm and this user may
// create it. Best effort: without it the same query scans and gives the same rows.
void CreatePostgresNameIndex(store::SqlConnection& c) {
  auto present = c.Query("SELECT 1 FROM pg_indexes WHERE indexname = 'customers_name_trgm'");
  if (!present.ok() || !present->empty()) return;
  auto available = c.Query("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'");
  if (!available.ok() || available->empty()) return;
  if (!c.Run("CREATE EXTENSION IF NOT EXISTS pg_trgm").ok()) return;
  (void)c.Run(
      "CREATE INDEX IF NOT EXISTS customers_name_trgm ON customers USING gin (LOWER(name)"
      " gin_trgm_ops)");
}

}  // namespace

bool IsPostgresDatabase(std::string_view location) { return store::IsPostgresLocation(location); }

int Database::CurrentSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

struct Database::Connection {
  std::unique_ptr<store::SqlConnection> sql;
};

Database::Database(std::string location, std::unique_ptr<Connection> conn)
    : location_(std::move(location)), conn_(std::move(conn)) {}
Database::~Database() = default;

store::SqlConnection& store::DatabaseAccess::Connection(Database& db) { return *db.conn_->sql; }

Result<std::unique_ptr<Database>> Database::Open(const std::string& location, DbAccess access) {
  const bool read_only = access == DbAccess::kReadOnly;
  auto conn = store::OpenSqlConnection(location, read_only);
  if (!conn.ok()) return conn.status();
  std::unique_ptr<Database> db(
      new Database(location, std::make_unique<Connection>(Connection{std::move(conn).value()})));
  store::SqlConnection& c = *db->conn_->sql;
  if (!read_only) {
    Status s = c.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied_at TEXT "
        "NOT NULL)");
    if (!s.ok()) return Status::IoError(location + ": " + s.message());
  }
  auto recorded = RecordedSchemaVersion(c, location);
  if (!recorded.ok()) return recorded.status();
  if (*recorded > CurrentSchemaVersion())
    return Status::Unsupported(fmt::format(
        "{}: database schema version {} is newer than this partyscreen's ({}); it was written by a "
        "later version: refusing to open it (use that version, or restore a backup)",
        location, *recorded, CurrentSchemaVersion()));
  if (read_only) {
    if (*recorded < CurrentSchemaVersion())
      return Status::Unsupported(fmt::format(
          "{}: database schema version {} needs migrating to {}; run a command that writes "
          "(e.g. customers import) once with write access",
          location, *recorded, CurrentSchemaVersion()));
    db->schema_version_ = *recorded;
    if (Status s = CheckTables(c, location); !s.ok()) return s;
    auto id = c.Query("SELECT value FROM store_meta WHERE name = 'database_id'");
    if (!id.ok()) return id.status();
    if (!id->empty()) db->id_ = store::AsText((*id)[0][0]);
    return db;
  }
  Status s;
  for (const Migration& m : kMigrations) {
    store::WriteTransaction txn(c);
    if (!txn.status().ok()) return txn.status();
    auto done =
        c.Query("SELECT version FROM schema_version WHERE version = ?", {int64_t{m.version}});
    if (!done.ok()) return done.status();
    if (done->empty()) {
      for (const std::string& stmt : Split(m.sql, ";")) {
        // SQLite keeps the key index as the table itself (one B-tree instead of two).
        const bool sqlite = c.dialect() == "sqlite";
        std::string sql = stmt;
        if (size_t at = sql.find("{WITHOUT_ROWID}"); at != std::string::npos)
          sql.replace(at, 15, sqlite ? " WITHOUT ROWID" : "");
        // "{sqlite}": a statement for SQLite only; "{SEMI}": a ';' inside a statement (triggers).
        if (sql.rfind("{sqlite}", 0) == 0) {
          if (!sqlite) continue;
          sql.erase(0, 8);
        }
        sql = Join(Split(sql, "{SEMI}", false), "; ");
        Status st = c.Run(sql);
        if (!st.ok())
          return Status::IoError(
              fmt::format("{}: migration {}: {}", location, m.version, st.message()));
      }
      s = c.Run("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                {int64_t{m.version}, UtcNowIso()});
      if (!s.ok()) return s;
    }
    s = txn.Commit();
    if (!s.ok()) return s;
    db->schema_version_ = m.version;
  }
  if (s = CheckTables(c, location); !s.ok()) return s;
  if (c.dialect() == "postgres") CreatePostgresNameIndex(c);
  // A random name for this database, so that files derived from it (the register index) are
  // never taken for another database's.
  s = c.Run("INSERT INTO store_meta (name, value) VALUES ('database_id', ?) ON CONFLICT DO NOTHING",
            {RandomHex(16)});
  if (!s.ok()) return s;
  auto id = c.Query("SELECT value FROM store_meta WHERE name = 'database_id'");
  if (!id.ok()) return id.status();
  db->id_ = store::AsText((*id)[0][0]);
  return db;
}

std::string CurrentUserName() {
  if (const char* u = std::getenv("USER"); u && *u) return u;
  if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
  return "uid:" + std::to_string(geteuid());
}

std::string UtcNowIso() {
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
}

}  // namespace partyscreen
