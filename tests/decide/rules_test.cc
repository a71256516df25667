// The rules file: the embedded default loads and is the file in the repo; malformed files give
// errors that name the file and the field.
#include "decide/rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace partyscreen {
namespace {

using ::testing::HasSubstr;

std::string RepoRulesText() {
  std::ifstream in(std::string(PARTYSCREEN_SOURCE_DIR) + "/data/rules/us_export_rules.json",
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The repo's rules with one change applied to the parsed JSON.
std::string Mutated(void (*change)(nlohmann::json&)) {
  nlohmann::json j = nlohmann::json::parse(RepoRulesText());
  change(j);
  return j.dump();
}

TEST(DecisionRulesTest, EmbeddedRulesAreTheRepoFile) {
  Result<DecisionRules> embedded = DecisionRules::Embedded();
  ASSERT_TRUE(embedded.ok()) << embedded.status().ToString();
  Result<DecisionRules> file = DecisionRules::LoadFile(std::string(PARTYSCREEN_SOURCE_DIR) +
                                                       "/data/rules/us_export_rules.json");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(embedded->version(), file->version());
  EXPECT_EQ(embedded->effective(), file->effective());
  EXPECT_EQ(embedded->data().list_rules.size(), file->data().list_rules.size());
  EXPECT_FALSE(embedded->version().empty());
  EXPECT_GT(embedded->review_band_width(), 0.0);
}

TEST(DecisionRulesTest, OutcomeNamesRoundTripInStrictnessOrder) {
  const Outcome order[] = {Outcome::kClear,           Outcome::kReview, Outcome::kRestricted,
                           Outcome::kLicenseRequired, Outcome::kDeny,   Outcome::kBlock};
  for (size_t i = 0; i < std::size(order); ++i) {
    EXPECT_EQ(ParseOutcome(OutcomeName(order[i])), order[i]);
    if (i > 0) {
      EXPECT_LT(order[i - 1], order[i]);
      EXPECT_LT(ExitCodeFor(order[i - 1]), ExitCodeFor(order[i]));
    }
  }
  EXPECT_EQ(ExitCodeFor(Outcome::kClear), 0);
  EXPECT_EQ(ExitCodeFor(Outcome::kReview), 3);
  EXPECT_EQ(ParseOutcome("license_required"), Outcome::kLicenseRequired);
  EXPECT_FALSE(ParseOutcome("MAYBE").has_value());
}

TEST(DecisionRulesTest, MalformedJsonNamesFileAndLine) {
  Result<DecisionRules> r = DecisionRules::Parse(
      "{\n  \"format\": \"partyscreen-rules/1\",\n  \"version\": }", "bad.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("bad.json: line 3"));
}

TEST(DecisionRulesTest, UnknownOutcomeNamesTheRule) {
  Result<DecisionRules> r = DecisionRules::Parse(
      Mutated([](nlohmann::json& j) { j["list_rules"][2]["outcome"] = "FORBIDDEN"; }),
      "rules.json");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("rules.json: list_rules[2].outcome: unknown outcome 'FORBIDDEN'"));
}

TEST(DecisionRulesTest, MissingFieldsAndWrongTypesAreNamed) {
  struct Case {
    void (*change)(nlohmann::json&);
    std::string expected;
  };
  const Case cases[] = {
      {[](nlohmann::json& j) { j.erase("version"); }, "version: missing"},
      {[](nlohmann::json& j) { j["effective"] = "29/11/2026"; },
       "effective: expected a date YYYY-MM-DD"},
      {[](nlohmann::json& j) { j["format"] = "partyscreen-rules/9"; },
       "format: 'partyscreen-rules/9' is not supported"},
      {[](nlohmann::json& j) { j["list_rules"][0].erase("next_step"); },
       "list_rules[0].next_step: missing"},
      {[](nlohmann::json& j) { j["list_rules"][1]["match"] = nlohmann::json::array(); },
       "list_rules[1].match: expected"},
      {[](nlohmann::json& j) { j["list_rules"][1]["match"][0]["sources"] = "ofac"; },
       "list_rules[1].match[0].sources: expected an array of strings"},
      {[](nlohmann::json& j) { j["destination_rules"][0]["countries"][0] = "Atlantis"; },
       "destination_rules[0].countries[0]: 'Atlantis' is not a country"},
      {[](nlohmann::json& j) { j["review_band"]["width"] = 1.5; },
       "review_band.width: expected a number in [0, 1)"},
      {[](nlohmann::json& j) { j["list_rules"][1]["id"] = j["list_rules"][0]["id"]; },
       "duplicate rule id"},
      {[](nlohmann::json& j) { j["list_rules"][0]["fallback"] = true; },
       "at most one rule may be \"fallback\""},
      {[](nlohmann::json& j) { j = nlohmann::json::array(); }, "expected an object"},
  };
  for (const Case& c : cases) {
    Result<DecisionRules> r = DecisionRules::Parse(Mutated(c.change), "rules.json");
    ASSERT_FALSE(r.ok()) << c.expected;
    EXPECT_THAT(r.status().message(), HasSubstr("rules.json: "));
    EXPECT_THAT(r.status().message(), HasSubstr(c.expected));
  }
}

TEST(DecisionRulesTest, MissingFileIsAnErrorNamingIt) {
  Result<DecisionRules> r = DecisionRules::LoadFile("/nonexistent/rules.json");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().ToString(), HasSubstr("/nonexistent/rules.json"));
}

TEST(FindListRuleTest, MatchesSourceListAndProgram) {
  Result<DecisionRules> rules = DecisionRules::Embedded();
  ASSERT_TRUE(rules.ok());
  Entity e;
  e.source = "ofac-cons";
  e.list = "OFAC Consolidated (non-SDN) List";
  e.programs = {"CMIC-EO13959"};
  ASSERT_NE(FindListRule(rules->data(), e), nullptr);
  EXPECT_EQ(FindListRule(rules->data(), e)->id, "us-ofac-cmic");
  e.programs = {"SOMETHING-NEW"};
  ASSERT_NE(FindListRule(rules->data(), e), nullptr);
  EXPECT_TRUE(FindListRule(rules->data(), e)->fallback);
  e.source = "csl";
  e.list =
      "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department";
  EXPECT_EQ(FindListRule(rules->data(), e)->id, "us-ofac-cmic");  // not the SDN rule
}

}  // namespace
}  // namespace partyscreen
