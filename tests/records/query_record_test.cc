// The screening record's rules (records/query_record.h) and the record file reader
// (records/record_file.h).
#include "records/query_record.h"

#include <gtest/gtest.h>

#include "records/record_file.h"

namespace partyscreen {
namespace {

using nlohmann::json;

TEST(QueryRecordTest, ReadsEveryFieldOfTheJsonForm) {
  const json j = json::parse(R"({"id": 17, "name": "  Hikvision   Digital ", "schema": "Company",
      "country": "China", "birth_date": " 1955 ",
      "identifiers": [{"type": "LEI", "value": " X1 ", "country": "cn"}], "other": true})");
  Result<Query> q = QueryFromJson(j, "");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->id, "17");
  EXPECT_EQ(q->name, "Hikvision Digital");
  EXPECT_EQ(q->schema, Schema::kOrganization);
  EXPECT_EQ(q->country, "CN");
  EXPECT_EQ(q->birth_date, "1955");
  ASSERT_EQ(q->identifiers.size(), 1u);
  EXPECT_EQ(q->identifiers[0].type, "LEI");
  EXPECT_EQ(q->identifiers[0].value, "X1");
  EXPECT_EQ(q->identifiers[0].country, "CN");
}

TEST(QueryRecordTest, TheCanonicalJsonReadsBackToTheSameRecord) {
  const json j = json::parse(R"({"id": "a", "name": "Ivan Petrov", "schema": "Person",
      "country": "RU", "identifiers": "passport:123;456"})");
  Result<Query> q = QueryFromJson(j, "");
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  const json canonical = QueryToJson(*q);
  EXPECT_FALSE(canonical.contains("birth_date"));  // empty fields are left out
  Result<Query> again = QueryFromJson(canonical, "");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(QueryToJson(*again), canonical);
  ASSERT_EQ(again->identifiers.size(), 2u);
  EXPECT_EQ(again->identifiers[0].type, "passport");
  EXPECT_EQ(again->identifiers[1].value, "456");
}

TEST(QueryRecordTest, OneSchemaRuleForEveryName) {
  for (const char* any : {"", "Thing", "LegalEntity", " legalentity "})
    EXPECT_EQ(*SchemaFromName(any, "schema"), Schema::kUnknown) << any;
  EXPECT_EQ(*SchemaFromName("Company", "schema"), Schema::kOrganization);
  EXPECT_EQ(*SchemaFromName("organization", "schema"), Schema::kOrganization);
  EXPECT_EQ(*SchemaFromName("Airplane", "schema"), Schema::kAircraft);
  EXPECT_EQ(*SchemaFromName("Person", "schema"), Schema::kPerson);
  const Result<Schema> bad = SchemaFromName("Persn", "q.schema");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "q.schema: unknown schema 'Persn'");
}

TEST(QueryRecordTest, RefusesWhatItCannotReadAndNamesTheField) {
  auto error = [](const char* text) {
    Result<Query> q = QueryFromJson(json::parse(text), "queries[2]", 20);
    return q.ok() ? std::string("ok") : q.status().message();
  };
  EXPECT_EQ(error(R"({"name": 12})"), "queries[2].name: must be a string");
  EXPECT_EQ(error(R"({"name": "   "})"), "queries[2].name: missing or empty");
  EXPECT_EQ(error(R"({"country": "CN"})"), "queries[2].name: missing or empty");
  EXPECT_EQ(error(R"({"name": "A", "id": 1.5})"), "queries[2].id: must be a string or an integer");
  EXPECT_EQ(error(R"({"name": "A", "schema": "Persn"})"),
            "queries[2].schema: unknown schema 'Persn'");
  EXPECT_EQ(error(R"({"name": "A", "identifiers": [{"type": "x"}]})"),
            "queries[2].identifiers[0].value: missing");
  EXPECT_EQ(error(R"({"name": "A", "identifiers": {"value": "x"}})"),
            "queries[2].identifiers: must be an array");
  EXPECT_EQ(error(R"({"name": "abcdefghijklmnopqrstuvwxyz"})"),
            "queries[2].name: 26 characters, longer than the limit of 20");
  EXPECT_EQ(error(R"({"name": "A", "birth_date": "23/11/1962"})"),
            "queries[2].birth_date: '23/11/1962' is not an ISO date (YYYY, YYYY-MM or "
            "YYYY-MM-DD, e.g. 1962-11-23)");
  EXPECT_NE(error(R"({"name": "A", "birth_date": "1962-13"})"), "ok");
  EXPECT_EQ(error(R"({"name": "A", "birth_date": "1962-11"})"), "ok");
  EXPECT_EQ(QueryFromFields({"", "A\xff", "", "", "", ""}, "").status().message(),
            "name: not valid UTF-8");
  EXPECT_EQ(QueryFromFields({"", "A", "", "", "", "passport:"}, "").status().message(),
            "identifiers: empty value in 'passport:'");
}

struct Seen {
  std::vector<uint64_t> lines;
  std::vector<std::string> outcomes;  // the name, or "error: ..."
};

Seen ReadAll(std::string_view text, bool require_id = false) {
  Seen seen;
  const Status s = ForEachRecord(text, "f.csv", require_id, [&](uint64_t line, Result<Query> r) {
    seen.lines.push_back(line);
    seen.outcomes.push_back(r.ok() ? r->name : "error: " + r.status().message());
    return Status::Ok();
  });
  if (!s.ok()) seen.outcomes.push_back("file: " + s.message());
  return seen;
}

TEST(RecordFileTest, CsvAndJsonLinesGiveTheSameRecordsAndReportEveryBadLine) {
  const Seen csv = ReadAll(
      "\xEF\xBB\xBF"
      "ID, Name ,Schema,Country,identifiers\n"
      "a,Hikvision,Company,China,LEI:X1\n"
      "b,,Person,,\n"
      "c,\"Dahua, Technology\",Company,CN,\n"
      "d,Too,Many,Fields,x,y\n");
  EXPECT_EQ(csv.lines, (std::vector<uint64_t>{2, 3, 4, 5}));
  EXPECT_EQ(csv.outcomes,
            (std::vector<std::string>{"Hikvision", "error: name: missing or empty",
                                      "Dahua, Technology", "error: expected 5 fields, got 6"}));
  const Seen lines =
      ReadAll("{\"id\": \"a\", \"name\": \"Hikvision\"}\n\n[1]\n{\"id\": \"c\", \"name\": 3}\n");
  EXPECT_EQ(lines.lines, (std::vector<uint64_t>{1, 3, 4}));
  EXPECT_EQ(lines.outcomes, (std::vector<std::string>{"Hikvision", "error: not a JSON object",
                                                      "error: name: must be a string"}));
}

TEST(RecordFileTest, AHeaderWithoutTheRequiredColumnsIsRefused) {
  EXPECT_EQ(ReadAll("id,nom\na,b\n").outcomes.back(),
            "file: f.csv line 1: the CSV header must name the columns name (and usually id); it "
            "has: id, nom");
  EXPECT_EQ(ReadAll("id;name\na;Hikvision, Ltd\n").outcomes,
            (std::vector<std::string>{"Hikvision, Ltd"}));  // a semicolon-separated file
  EXPECT_EQ(ReadAll("name\nA\n", /*require_id=*/true).outcomes.back(),
            "file: f.csv line 1: the CSV header must name the columns id and name; it has: name");
  EXPECT_EQ(ReadAll("name\nA\n").outcomes, (std::vector<std::string>{"A"}));
}

}  // namespace
}  // namespace partyscreen
