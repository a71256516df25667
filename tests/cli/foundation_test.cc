// End-to-end tests of the partyscreen binary for the foundation issue: the commands a user types,
// run as a subprocess against the bundled default snapshot and the real files in ../shared/lists.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/command.h"

namespace {

using CmdResult = partyscreen::testing_support::CommandRun;

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

CmdResult Partyscreen(const std::string& args, bool merge_stderr = true) {
  return partyscreen::testing_support::RunPartyscreen(args, merge_stderr);
}

std::string Shared(const std::string& rel) {
  return std::string(PARTYSCREEN_SHARED_DIR) + "/lists/" + rel;
}

std::string TempFile(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::temp_directory_path() / "partyscreen_cli_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(CliFoundation, ScreenHikvisionShowsEntityListRecordWithLegalFields) {
  CmdResult r = Partyscreen("screen Hikvision --json", /*merge_stderr=*/false);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& h : j["hits"]) {
    if (h["entity_id"] != "csl:f095626c9f8becc70b5948507fb6de6e443b257a") continue;
    found = true;
    EXPECT_NE(h["federal_register"].get<std::string>().find("84 FR 54002"), std::string::npos);
    EXPECT_NE(h["license_requirement"].get<std::string>().find("For all items subject to the EAR"),
              std::string::npos);
    EXPECT_NE(h["license_policy"].get<std::string>().find("presumption of denial"),
              std::string::npos);
  }
  EXPECT_TRUE(found) << r.out;
  EXPECT_EQ(j["snapshot"].get<std::string>().size(), 64u);
}

TEST(CliFoundation, ScreenTextOutputNamesTheCitation) {
  CmdResult r = Partyscreen("screen Hikvision");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("csl:f095626c9f8becc70b5948507fb6de6e443b257a"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("84 FR 54002"), std::string::npos);
}

TEST(CliFoundation, ListsReportsEveryDefaultSourceAndAStableHash) {
  CmdResult a = Partyscreen("lists --json", false);
  ASSERT_EQ(a.exit_code, 0) << a.out;
  const auto j = nlohmann::json::parse(a.out);
  ASSERT_EQ(j["sources"].size(), 4u);
  std::map<std::string, uint64_t> records;
  for (const auto& s : j["sources"]) records[s["format"]] = s["records"];
  EXPECT_EQ(records["csl-csv"], 14160u);
  EXPECT_EQ(records["ofac-csv"], 15443u);
  EXPECT_EQ(records["ofac-cons-csv"], 442u);
  EXPECT_EQ(records["un-xml"], 1003u);
  CmdResult b = Partyscreen("lists --json", false);
  EXPECT_EQ(nlohmann::json::parse(b.out)["snapshot"], j["snapshot"])
      << "the snapshot hash must be deterministic";
}

TEST(CliFoundation, SnapshotHashDependsOnContentNotOrder) {
  const std::string dpl = Shared("bis/dpl-2023-11/dpl.txt");
  const std::string un = Shared("un/UN_consolidated.xml");
  CmdResult ab = Partyscreen("lists --json --list " + dpl + " --list " + un, false);
  CmdResult ba = Partyscreen("lists --json --list " + un + " --list " + dpl, false);
  CmdResult a = Partyscreen("lists --json --list " + dpl, false);
  ASSERT_EQ(ab.exit_code, 0) << ab.out;
  ASSERT_EQ(ba.exit_code, 0) << ba.out;
  ASSERT_EQ(a.exit_code, 0) << a.out;
  const auto hab = nlohmann::json::parse(ab.out)["snapshot"];
  EXPECT_EQ(hab, nlohmann::json::parse(ba.out)["snapshot"]);
  EXPECT_NE(hab, nlohmann::json::parse(a.out)["snapshot"]);
}

TEST(CliFoundation, MissingFileIsAClearErrorNamingIt) {
  CmdResult r = Partyscreen("lists --list /nonexistent/sdn.csv");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("/nonexistent/sdn.csv"), std::string::npos) << r.out;
}

TEST(CliFoundation, UnknownFormatIsAClearError) {
  const std::string path = TempFile("mystery.bin", "\x01\x02\x03 this is not a list\n");
  CmdResult r = Partyscreen("lists --list " + Quote(path));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("unknown list format"), std::string::npos) << r.out;
}

TEST(CliFoundation, TruncatedGzipIsAClearErrorNotACrash) {
  std::ifstream in(Shared("csl/csl-2022-04/consolidated.csv.gz"), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string path = TempFile("truncated.csv.gz", bytes.substr(0, bytes.size() / 2));
  CmdResult r = Partyscreen("lists --list " + Quote(path));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("truncated"), std::string::npos) << r.out;
}

TEST(CliFoundation, ABrokenRowIsSkippedAndCountedTheRestLoads) {
  const std::string path = TempFile("own_list.csv",
                                    "id,name,schema,countries\n"
                                    "v1,Ivan Example,Person,RU\n"
                                    "v2,\"Broken \n"
                                    "v3,Example Trading LLC,Organization,AE\n");
  CmdResult r = Partyscreen("lists --json --issues --list custom-csv:" + Quote(path), false);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["sources"][0]["records"], 2u);
  EXPECT_EQ(j["sources"][0]["skipped"], 1u);
  ASSERT_FALSE(j["issues"].empty());
  EXPECT_EQ(j["issues"][0]["line"], 3u);
}

TEST(CliFoundation, BadSchemaArgumentIsRejected) {
  CmdResult r = Partyscreen("screen Hikvision --schema Banana");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("unknown schema"), std::string::npos) << r.out;
}

}  // namespace
