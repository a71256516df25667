// The shared options (src/cli/options.h): one name, default and check for every command.
#include "cli/options.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <optional>

namespace partyscreen::cli {
namespace {

// Parses `args` (without the program name) into `app`; the CLI11 error message, or "".
std::string Parse(CLI::App& app, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 takes a vector in reverse order
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return e.what();
  }
  return "";
}

TEST(OptionsTest, ListIsRepeatableWithAShortForm) {
  CLI::App app;
  std::vector<std::string> lists;
  double max_age = kDefaultMaxListAgeDays;
  AddListOption(&app, &lists, &max_age);
  EXPECT_EQ(Parse(app, {"--list", "a.csv", "-l", "ofac-csv:b.csv"}), "");
  EXPECT_EQ(lists, (std::vector<std::string>{"a.csv", "ofac-csv:b.csv"}));
  EXPECT_EQ(max_age, kDefaultMaxListAgeDays);
}

TEST(OptionsTest, MaxListAgeIsAPeriodStoredInDaysAndABadOneIsAUsageError) {
  for (const auto& [text, days] : std::vector<std::pair<std::string, double>>{
           {"7d", 7}, {"36h", 1.5}, {"90m", 90.0 / 1440}, {"86400", 1}}) {
    CLI::App app;
    std::vector<std::string> lists;
    double max_age = kDefaultMaxListAgeDays;
    AddListOption(&app, &lists, &max_age);
    EXPECT_EQ(Parse(app, {"--max-list-age", text}), "") << text;
    EXPECT_DOUBLE_EQ(max_age, days) << text;
  }
  for (const char* bad : {"soon", "0", "-2d", "2w"}) {
    CLI::App app;
    std::vector<std::string> lists;
    double max_age = kDefaultMaxListAgeDays;
    AddListOption(&app, &lists, &max_age);
    const std::string error = Parse(app, {"--max-list-age", bad});
    EXPECT_NE(error.find("is not a period"), std::string::npos) << bad << ": " << error;
    EXPECT_EQ(max_age, kDefaultMaxListAgeDays) << bad;
  }
  EXPECT_TRUE(CheckMaxListAge(0.5).ok());
  EXPECT_FALSE(CheckMaxListAge(0).ok());
  EXPECT_FALSE(CheckMaxListAge(-1).ok());
}

TEST(OptionsTest, ThresholdKeepsTheEngineDefaultAndRefusesScoresOutsideZeroToOne) {
  CLI::App app;
  double threshold = kEngineDefaultThreshold;
  AddThresholdOption(&app, &threshold);
  EXPECT_EQ(Parse(app, {}), "");
  EXPECT_EQ(threshold, kEngineDefaultThreshold);
  EXPECT_EQ(Parse(app, {"-t", "0.85"}), "");
  EXPECT_DOUBLE_EQ(threshold, 0.85);

  CLI::App strict;
  AddThresholdOption(&strict, &threshold);
  const std::string error = Parse(strict, {"--threshold", "80"});
  EXPECT_NE(error.find("--threshold: Value 80 not in range"), std::string::npos) << error;
}

TEST(OptionsTest, CheckThresholdAgreesWithTheOption) {
  EXPECT_TRUE(CheckThreshold(kEngineDefaultThreshold).ok());
  EXPECT_TRUE(CheckThreshold(0).ok());
  EXPECT_TRUE(CheckThreshold(1).ok());
  EXPECT_EQ(CheckThreshold(80).message(), "--threshold: 80 is not a score from 0 to 1, e.g. 0.8");
  EXPECT_FALSE(CheckThreshold(-0.5).ok());
}

TEST(OptionsTest, CheckSchemaNameTakesEveryNameTheRecordsTake) {
  for (const char* ok : {"", "Person", "organisation", "Company", "LegalEntity", "Vessel", "ship"})
    EXPECT_TRUE(CheckSchemaName(ok).ok()) << ok;
  EXPECT_EQ(CheckSchemaName("Planet").message(), "--schema: unknown schema 'Planet'");
}

TEST(OptionsTest, StoreDbDefaultsToTheEnvironmentThenTheWorkingDirectory) {
  const char* saved = std::getenv("PARTYSCREEN_DB");
  const std::string restore = saved ? saved : "";
  unsetenv("PARTYSCREEN_DB");
  {
    CLI::App app;
    std::string db;
    AddStoreDbOption(&app, &db);
    EXPECT_EQ(db, "partyscreen.db");
    EXPECT_EQ(Parse(app, {"--db", "other.db"}), "");
    EXPECT_EQ(db, "other.db");
  }
  setenv("PARTYSCREEN_DB", "/tmp/from-env.db", 1);
  {
    CLI::App app;
    std::string db;
    AddStoreDbOption(&app, &db);
    EXPECT_EQ(db, "/tmp/from-env.db");
  }
  if (saved)
    setenv("PARTYSCREEN_DB", restore.c_str(), 1);
  else
    unsetenv("PARTYSCREEN_DB");
}

TEST(OptionsTest, PartyFieldsBindToTextOrToOptionalText) {
  CLI::App app;
  std::string schema, birth_date;
  std::optional<std::string> country;
  AddSchemaOption(&app, &schema);
  AddCountryOption(&app, &country);
  AddBirthDateOption(&app, &birth_date);
  EXPECT_EQ(Parse(app, {"--schema", "Person", "--birth-date", "1968"}), "");
  EXPECT_EQ(schema, "Person");
  EXPECT_EQ(birth_date, "1968");
  EXPECT_FALSE(country.has_value());
}

}  // namespace
}  // namespace partyscreen::cli
