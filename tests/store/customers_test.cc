// The customer register: CSV and JSON-lines import with bad rows reported by line and skipped,
// idempotent re-import, updates that make a customer due for screening, delete, schema migration.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/sql.h"
#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

constexpr char kCsv[] =
    "id,name,schema,country,birth_date,identifiers\n"
    "c1,Aeroflot,Organization,Russia,,\n"
    "c7,\"Huawei Technologies Co., "
    "Ltd.\",Organization,CN,,\"[{\"\"type\"\":\"\"LEI\"\",\"\"value\"\":\"\"5493\"\"}]\"\n"
    "c2,\"Unterminated,Person,,,\n"
    "c3,John Smith,Person,US,1970-01-02,Passport:X123;Tax ID:99\n"
    "c4,,Person,,,\n"
    "c5,Acme Trading,Spaceship,,,\n"
    "c6,Too,Many,Fields,,,,\n";

TEST(CustomersImportTest, BadRowsAreReportedByLineAndTheRestImport) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("c.db"));
  CustomerRegister reg(*db);
  auto r = reg.ImportFile(dir.Write("customers.csv", kCsv));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->imported, 3u);  // c1, c3, c7
  ASSERT_EQ(r->issues.size(), 4u);
  EXPECT_EQ(r->issues[0].line,
            4u);  // unterminated quote (runs to the end: the reader resynchronises)
  EXPECT_EQ(r->issues[1].line, 6u);  // missing name
  EXPECT_EQ(r->issues[1].reason, "name: missing or empty");
  EXPECT_EQ(r->issues[2].line, 7u);  // unknown schema
  EXPECT_NE(r->issues[2].reason.find("Spaceship"), std::string::npos);
  EXPECT_EQ(r->issues[3].line, 8u);  // field count
  auto c1 = reg.Get("c1");
  ASSERT_TRUE(c1.ok() && c1->has_value());
  EXPECT_EQ((*c1)->customer.country, "RU");  // country names normalised to ISO2
  auto c3 = reg.Get("c3");
  ASSERT_TRUE(c3.ok() && c3->has_value());
  ASSERT_EQ((*c3)->customer.identifiers.size(), 2u);
  EXPECT_EQ((*c3)->customer.identifiers[1].type, "Tax ID");
  EXPECT_EQ((*c3)->customer.identifiers[1].value, "99");
  auto c7 = reg.Get("c7");
  ASSERT_TRUE(c7.ok() && c7->has_value());
  EXPECT_EQ((*c7)->customer.name, "Huawei Technologies Co., Ltd.");
  ASSERT_EQ((*c7)->customer.identifiers.size(), 1u);
  EXPECT_EQ((*c7)->customer.identifiers[0].value, "5493");
}

TEST(CustomersImportTest, ReimportingTheSameFileChangesNothing) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("c.db"));
  CustomerRegister reg(*db);
  const std::string file = dir.Write("customers.csv", kCsv);
  ASSERT_TRUE(reg.ImportFile(file).ok());
  auto again = reg.ImportFile(file, {.rows_per_transaction = 2});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->imported, 0u);
  EXPECT_EQ(again->unchanged, 3u);
  EXPECT_EQ(*reg.Count(), 3u);
}

TEST(CustomersImportTest, JsonLinesWithABrokenLine) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("c.db"));
  CustomerRegister reg(*db);
  const std::string file =
      dir.Write("customers.jsonl",
                "{\"id\": \"p1\", \"name\": \"Kim Jong Un\", \"schema\": \"Person\"}\n"
                "{\"id\": \"p2\", \"name\": \n"
                "\n"
                "{\"id\": 17, \"name\": \"Numbered Ltd\", \"identifiers\": [{\"type\": \"IMO\", "
                "\"value\": \"9187629\"}]}\n"
                "{\"id\": \"p4\", \"name\": [\"not\", \"a\", \"string\"]}\n");
  auto r = reg.ImportFile(file);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->imported, 2u);
  ASSERT_EQ(r->issues.size(), 2u);
  EXPECT_EQ(r->issues[0].line, 2u);
  EXPECT_EQ(r->issues[1].line, 5u);
  auto c = reg.Get("17");
  ASSERT_TRUE(c.ok() && c->has_value());
  EXPECT_EQ((*c)->customer.identifiers.at(0).type, "IMO");
}

TEST(CustomersImportTest, MissingFileAndMissingHeaderColumnsAreErrors) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("c.db"));
  CustomerRegister reg(*db);
  auto missing = reg.ImportFile(dir.File("nope.csv"));
  EXPECT_FALSE(missing.ok());
  auto no_header = reg.ImportFile(dir.Write("bad.csv", "name,country\nAcme,US\n"));
  ASSERT_FALSE(no_header.ok());
  EXPECT_NE(no_header.status().message().find("line 1"), std::string::npos);
}

// The audit trail's records of one kind, exported one JSON object a line.
std::vector<nlohmann::json> AuditOfKind(Database& db, const std::string& kind) {
  std::ostringstream exported;
  EXPECT_TRUE(AuditLog(db).Export("", "", exported).ok());
  std::istringstream lines(exported.str());
  std::vector<nlohmann::json> out;
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.value("kind", "") == kind) out.push_back(j);
  }
  return out;
}

TEST(CustomersTest, EveryChangeOfTheRegisterIsAudited) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("c.db"));
  CustomerRegister reg(*db);
  const std::string csv = dir.File("in.csv");
  std::ofstream(csv) << "id,name\nc1,Aeroflot\nc2,Rosneft\n";
  ASSERT_TRUE(reg.ImportFile(csv).ok());
  ASSERT_TRUE(reg.Upsert({{"c1", "Aeroflot", Schema::kUnknown, "", "", {}}}, "ops").ok());  // same
  ASSERT_TRUE(reg.Upsert({{"c2", "Rosneft Oil", Schema::kUnknown, "", "", {}}}, "ops").ok());
  ASSERT_TRUE(*reg.Delete("c1", "ops"));
  const std::vector<nlohmann::json> records = AuditOfKind(*db, "customers");
  ASSERT_EQ(records.size(), 3u);  // the unchanged upsert wrote nothing
  const nlohmann::json& import = records[0]["detail"];
  EXPECT_EQ(import["action"], "upsert");
  EXPECT_EQ(import["source"], csv);
  EXPECT_EQ(import["ids"], nlohmann::json({"c1", "c2"}));
  EXPECT_EQ(records[1]["who"], "ops");
  EXPECT_EQ(records[1]["detail"]["ids"], nlohmann::json({"c2"}));
  EXPECT_EQ(records[2]["detail"]["action"], "delete");
  EXPECT_EQ(records[2]["detail"]["customer_id"], "c1");
  EXPECT_TRUE(AuditLog(*db).Verify()->ok);
}

TEST(CustomersTest, ChangingACustomerMakesItDueForScreeningAndDeleteRemovesIt) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("c.db"));
  CustomerRegister reg(*db);
  Customer c{"k1", "Aeroflot", Schema::kOrganization, "RU", "", {}};
  ASSERT_TRUE(reg.Upsert({c}).ok());
  auto screener = testing::BuildScreener({testing::MakeEntity("ofac:1", "AEROFLOT")});
  auto report = Rescreener(*db, *screener).All(testing::Threads(1));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->new_alerts.size(), 1u);
  auto rec = reg.Get("k1");
  EXPECT_EQ((*rec)->screened_snapshot, screener->snapshot().hash);
  EXPECT_EQ((*rec)->screened_engine, EngineVersion());
  const std::string old_hash = (*rec)->content_hash;

  c.country = "AM";
  auto up = reg.Upsert({c});
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->imported, 1u);
  rec = reg.Get("k1");
  EXPECT_TRUE((*rec)->screened_snapshot.empty());
  EXPECT_NE((*rec)->content_hash, old_hash);
  EXPECT_EQ((*rec)->alerts.size(), 1u);  // the last screening's alerts stay until the next one

  EXPECT_TRUE(*reg.Delete("k1", "ops"));
  EXPECT_FALSE(*reg.Delete("k1"));
  EXPECT_FALSE(reg.Get("k1")->has_value());
  // The deletion is on the audit trail with the customer and the alert it took along.
  const std::vector<nlohmann::json> records = AuditOfKind(*db, "customers");
  ASSERT_FALSE(records.empty());
  const nlohmann::json& deletion = records.back();
  EXPECT_EQ(deletion["who"], "ops");
  EXPECT_EQ(deletion["detail"]["action"], "delete");
  EXPECT_EQ(deletion["query"]["name"], "Aeroflot");
  ASSERT_EQ(deletion["hits"].size(), 1u);
  EXPECT_EQ(deletion["hits"][0]["entity_id"], "ofac:1");
  EXPECT_EQ(deletion["detail"]["alerts_removed"], 1);
  EXPECT_TRUE(AuditLog(*db).Verify()->ok);
}

TEST(DatabaseTest, ReopeningKeepsTheSchemaVersionAndData) {
  TempDir dir;
  const std::string path = dir.File("v.db");
  {
    auto db = OpenOrDie(path);
    EXPECT_EQ(db->schema_version(), Database::CurrentSchemaVersion());
    ASSERT_TRUE(CustomerRegister(*db).Upsert({{"a", "Alpha", Schema::kUnknown, "", "", {}}}).ok());
  }
  auto db = OpenOrDie(path);
  EXPECT_EQ(db->schema_version(), Database::CurrentSchemaVersion());
  EXPECT_EQ(*CustomerRegister(*db).Count(), 1u);
}

// The schema a version-1 store wrote (frozen copy of migration 1 in src/store/database.cc).
constexpr char kSchemaVersion1[] =
    "CREATE TABLE schema_version (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL);"
    "INSERT INTO schema_version VALUES (1, '2026-11-01T00:00:00.000Z');"
    "CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, schema TEXT NOT NULL,"
    "  country TEXT NOT NULL, birth_date TEXT NOT NULL, identifiers TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL, updated_at TEXT NOT NULL, screened_snapshot TEXT,"
    "  screened_at TEXT);"
    "CREATE TABLE customer_keys (blocking_key BIGINT NOT NULL, customer_id TEXT NOT NULL,"
    "  PRIMARY KEY (blocking_key, customer_id)) WITHOUT ROWID;"
    "CREATE TABLE alerts (customer_id TEXT NOT NULL, entity_id TEXT NOT NULL,"
    "  score DOUBLE PRECISION NOT NULL, matched_name TEXT NOT NULL, state TEXT NOT NULL,"
    "  snapshot TEXT NOT NULL, PRIMARY KEY (customer_id, entity_id));"
    "CREATE INDEX alerts_by_entity ON alerts (entity_id);"
    "CREATE TABLE audit (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL,"
    "  who TEXT NOT NULL, body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE INDEX audit_by_time ON audit (at);"
    "CREATE TABLE audit_head (id BIGINT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);"
    "CREATE TABLE reviews (customer_id TEXT NOT NULL, entity_id TEXT NOT NULL,"
    "  decision TEXT NOT NULL, reason TEXT NOT NULL, reviewer TEXT NOT NULL, at TEXT NOT NULL,"
    "  customer_hash TEXT NOT NULL, entity_hash TEXT NOT NULL, audit_seq BIGINT NOT NULL,"
    "  PRIMARY KEY (customer_id, entity_id));"
    "CREATE TABLE snapshots (hash TEXT PRIMARY KEY, saved_at TEXT NOT NULL,"
    "  entity_count BIGINT NOT NULL);"
    "CREATE TABLE snapshot_entities (snapshot_hash TEXT NOT NULL, entity_id TEXT NOT NULL,"
    "  name TEXT NOT NULL, content_hash TEXT NOT NULL, body TEXT NOT NULL,"
    "  PRIMARY KEY (snapshot_hash, entity_id));"
    "CREATE TABLE rescreen_runs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, snapshot TEXT NOT NULL,"
    "  base_snapshot TEXT NOT NULL, threshold DOUBLE PRECISION NOT NULL, engine TEXT NOT NULL,"
    "  started_at TEXT NOT NULL, last_customer TEXT NOT NULL, state TEXT NOT NULL,"
    "  finished_at TEXT, screened BIGINT NOT NULL, new_alerts BIGINT NOT NULL,"
    "  cleared_alerts BIGINT NOT NULL);"
    "CREATE TABLE store_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT INTO store_meta VALUES ('customer_keys_engine', 'partyscreen-match-1');"
    "INSERT INTO customers VALUES ('a', 'Alpha', 'Organization', '', '', '[]', 'h1',"
    "  '2026-11-01T00:00:00.000Z', 'aaaa1111', '2026-11-02T00:00:00.000Z');"
    "INSERT INTO customers VALUES ('b', 'Beta', 'Organization', '', '', '[]', 'h2',"
    "  '2026-11-01T00:00:00.000Z', NULL, NULL);"
    "INSERT INTO customer_keys VALUES (42, 'a');"
    "INSERT INTO rescreen_runs VALUES ('all-1', 'all', 'aaaa1111', '', 0.85,"
    "  'partyscreen-match-1', '2026-11-02T00:00:00.000Z', 'a', 'running', NULL, 1, 0, 0);";

TEST(DatabaseTest, VersionOneDatabaseMigratesKeepingScreeningStateWithoutCustomerKeys) {
  TempDir dir;
  const std::string path = dir.File("v1.db");
  {
    auto raw = store::OpenSqlite(path);
    ASSERT_TRUE(raw.ok());
    ASSERT_TRUE((*raw)->ExecScript(kSchemaVersion1).ok());
  }
  auto db = OpenOrDie(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(db->schema_version(), Database::CurrentSchemaVersion());
  store::SqlConnection& conn = store::ConnectionOf(*db);
  EXPECT_FALSE(conn.Query("SELECT COUNT(*) FROM customer_keys").ok());  // dropped
  // customer_keys_engine is gone; schema 5 added the alert event counter.
  auto meta = conn.Query("SELECT name FROM store_meta ORDER BY name");
  ASSERT_TRUE(meta.ok());
  ASSERT_EQ(meta->size(), 2u);
  EXPECT_EQ(store::AsText((*meta)[0][0]), "alert_event_seq");
  EXPECT_EQ(store::AsText((*meta)[1][0]), "database_id");
  EXPECT_EQ(db->id().size(), 32u);
  // The screened customer keeps its snapshot, with an unknown engine (so the next delta screens
  // it fully); the other is still unscreened; the old unfinished run cannot be resumed.
  CustomerRegister reg(*db);
  auto a = reg.Get("a");
  ASSERT_TRUE(a.ok() && a->has_value());
  EXPECT_EQ((*a)->screened_snapshot, "aaaa1111");
  EXPECT_EQ((*a)->screened_at, "2026-11-02T00:00:00.000Z");
  EXPECT_EQ((*a)->screened_engine, "");
  auto b = reg.Get("b");
  ASSERT_TRUE(b.ok() && b->has_value());
  EXPECT_TRUE((*b)->screened_snapshot.empty());
  auto runs = conn.Query("SELECT state FROM rescreen_runs");
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ(store::AsText((*runs)[0][0]), "abandoned");
}

TEST(DatabaseTest, UnwritableLocationIsAnError) {
  auto db = Database::Open("/nonexistent-dir/sub/x.db");
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find("/nonexistent-dir/sub/x.db"), std::string::npos);
}

}  // namespace
}  // namespace partyscreen
