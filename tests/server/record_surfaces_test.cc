// One record, every surface: the same customer written as a batch line (JSON and CSV), a /screen
// request, an imported customer and an audited screening comes out as the same Query each way
// (records/query_record.h is the one reader and writer behind all of them).
#include <gtest/gtest.h>

#include <sstream>

#include "../store/store_test_util.h"
#include "records/query_record.h"
#include "records/record_file.h"
#include "server/query_json.h"

namespace partyscreen {
namespace {

using nlohmann::json;
using testing::TempDir;

constexpr const char* kJsonLine =
    R"({"id": "c1", "name": "  Hikvision   Digital Technology ", "schema": "Company",)"
    R"( "country": "China", "birth_date": "", "identifiers": [{"type": "LEI", "value": "X1",)"
    R"( "country": "cn"}]})";
constexpr const char* kCsv =
    "id,name,schema,country,birth_date,identifiers\n"
    "c1,\"  Hikvision   Digital Technology \",Company,China,,"
    "\"[{\"\"type\"\":\"\"LEI\"\",\"\"value\"\":\"\"X1\"\",\"\"country\"\":\"\"cn\"\"}]\"\n";

Query OnlyRecordOf(std::string_view text) {
  std::vector<Query> records;
  const Status s = ForEachRecord(text, "file", true, [&](uint64_t, Result<Query> r) {
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (r.ok()) records.push_back(std::move(r).value());
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(records.size(), 1u);
  return records.empty() ? Query() : records[0];
}

TEST(RecordSurfacesTest, TheSameRecordIsTheSameQueryThroughEverySurface) {
  std::vector<std::pair<std::string, json>> seen;  // surface -> canonical record
  // batch: JSON lines and CSV (cli/cmd_match.cc reads query files with ForEachRecord).
  seen.emplace_back("batch JSON line", QueryToJson(OnlyRecordOf(kJsonLine)));
  seen.emplace_back("batch CSV row", QueryToJson(OnlyRecordOf(kCsv)));
  // /screen request body.
  auto item = server::ScreenItemFromJson(json::parse(kJsonLine), ScreenOptions{}, "", 300);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  seen.emplace_back("POST /screen", QueryToJson(item->query));
  // customers import, CSV and JSON lines, read back from the register.
  TempDir dir;
  auto db = testing::OpenOrDie(dir.File("r.db"));
  ASSERT_TRUE(db);
  CustomerRegister reg(*db);
  for (const auto& [file, text] : {std::pair{"c.csv", kCsv}, std::pair{"c.jsonl", kJsonLine}}) {
    auto imported = reg.ImportFile(dir.Write(file, text));
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    auto stored = reg.Get("c1");
    ASSERT_TRUE(stored.ok() && stored->has_value());
    seen.emplace_back(std::string("customers import ") + file, QueryToJson((*stored)->customer));
  }
  // The audit trail's copy of a screening of it, exported and read back.
  auto screener = testing::BuildScreener({testing::MakeEntity("e1", "Hikvision")});
  AuditLog log(*db);
  ASSERT_TRUE(
      log.Append({ScreeningAuditRecord("t", item->query, *screener, ScreenOptions{}, {})}).ok());
  std::ostringstream exported;
  ASSERT_TRUE(log.Export("", "", exported).ok());
  json audited;
  std::istringstream lines(exported.str());
  for (std::string line; std::getline(lines, line);) {
    json record = json::parse(line);
    if (record.value("kind", "") == "screen") audited = record["query"];
  }
  ASSERT_TRUE(audited.is_object()) << exported.str();
  auto reread = QueryFromJson(audited, "audit");
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  seen.emplace_back("audit trail", QueryToJson(*reread));

  const json expected = json::parse(R"({"id": "c1", "name": "Hikvision Digital Technology",
      "schema": "Organization", "country": "CN",
      "identifiers": [{"type": "LEI", "value": "X1", "country": "CN"}]})");
  for (const auto& [surface, record] : seen) EXPECT_EQ(record, expected) << surface;
}

}  // namespace
}  // namespace partyscreen
