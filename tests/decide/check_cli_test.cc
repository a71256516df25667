// `partyscreen check` end to end: the built binary run as a subprocess from "/" (so the embedded
// rules are used, not a file found relative to the working directory), on real OFAC files.
#include <gmock/gmock.h>
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

using ::testing::HasSubstr;

using partyscreen::testing_support::CommandRun;

CommandRun Check(const std::string& args, bool merge_stderr = true) {
  return partyscreen::testing_support::RunShell("cd / && " + std::string(PARTYSCREEN_BINARY) +
                                                " check " + args +
                                                (merge_stderr ? " 2>&1" : " 2>/dev/null"));
}

const std::string kSdn =
    "--list " + std::string(PARTYSCREEN_SHARED_DIR) + "/lists/ofac/sdn-2021-07";

TEST(CheckCommandTest, SdnPartyIsBlockedWithExitCode7) {
  const CommandRun r = Check("--party 'CHEN, Quanguo' --destination DE " + kSdn);
  EXPECT_EQ(r.exit_code, 7) << r.out;
  EXPECT_THAT(r.out, HasSubstr("DECISION: BLOCK"));
  EXPECT_THAT(r.out, HasSubstr("ofac:29220"));
  EXPECT_THAT(r.out, HasSubstr("GLOMAG: EO 13818"));
  EXPECT_THAT(r.out, HasSubstr("next step:"));
}

TEST(CheckCommandTest, InnocentPartyToGermanyIsClearExit0AndToIranBlocked) {
  CommandRun r =
      Check("--party 'Bavaria Precision Tools GmbH' --destination Germany --eccn EAR99 " + kSdn);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("DECISION: CLEAR"));
  r = Check("--party 'Bavaria Precision Tools GmbH' --destination IR " + kSdn);
  EXPECT_EQ(r.exit_code, 7) << r.out;
  EXPECT_THAT(r.out, HasSubstr("us-embargo-iran"));
}

TEST(CheckCommandTest, JsonListsEveryPartyReasonAndRulesVersion) {
  const CommandRun r = Check(
      "--party 'Bavaria Precision Tools GmbH' --role consignee --party 'CHEN, Quanguo' --role "
      "end_user "
      "--destination RU --eccn 3A001 --json " +
          kSdn,
      /*merge_stderr=*/false);
  ASSERT_EQ(r.exit_code, 7) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["outcome"], "BLOCK");
  EXPECT_EQ(j["exit_code"], 7);
  EXPECT_FALSE(j["rules_version"].get<std::string>().empty());
  ASSERT_EQ(j["reasons"].size(), 2u);
  EXPECT_EQ(j["reasons"][0]["role"], "end_user");
  EXPECT_EQ(j["reasons"][1]["rule_id"], "us-export-controls-russia-belarus");
  EXPECT_EQ(j["reasons"][1]["outcome"], "LICENSE_REQUIRED");
}

TEST(CheckCommandTest, UsageErrorsExit2) {
  EXPECT_EQ(Check("--party Acme --role smuggler " + kSdn).exit_code, 2);
  EXPECT_EQ(Check("--party Acme --eccn widgets " + kSdn).exit_code, 2);
  EXPECT_EQ(Check("--party Acme --role end_user --role bank " + kSdn).exit_code, 2);
}

TEST(CheckCommandTest, MalformedRulesFileIsAClearErrorExit1) {
  const auto path = std::filesystem::temp_directory_path() / "partyscreen_bad_rules.json";
  std::ofstream(path)
      << "{\"format\": \"partyscreen-rules/1\", \"version\": \"x\",\n \"effective\": 2026}";
  const CommandRun r = Check("--party Acme --rules " + path.string() + " " + kSdn);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr(path.string() + ": effective: expected a string"));
  std::filesystem::remove(path);
}

TEST(CheckCommandTest, RulesFileOptionIsUsed) {
  // The repo's own file loaded explicitly gives the same decision as the embedded copy.
  const CommandRun r =
      Check("--party 'CHEN, Quanguo' --rules " + std::string(PARTYSCREEN_SOURCE_DIR) +
            "/data/rules/us_export_rules.json " + kSdn);
  EXPECT_EQ(r.exit_code, 7) << r.out;
}

}  // namespace

namespace {

// Issue 14: a party listed under one law by two publishers (the CSL and OFAC each publish
// Hikvision's CMIC entry) is cited once, the other listing named with it.
TEST(CheckCommandTest, EachLegalBasisIsCitedOnceWithTheOtherListings) {
  const CommandRun r = Check("--party Hikvision --json", /*merge_stderr=*/false);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  size_t cmic = 0;
  for (const nlohmann::json& reason : j["reasons"]) {
    if (reason["rule_id"] != "us-ofac-cmic") continue;
    ++cmic;
    ASSERT_TRUE(reason.contains("also_listed")) << reason.dump(2);
    EXPECT_THAT(reason["also_listed"].dump(), HasSubstr(":30946 on "));
  }
  EXPECT_EQ(cmic, 1u) << r.out;
}

}  // namespace
