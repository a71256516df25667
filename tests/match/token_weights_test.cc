// The fixed word-weight table: parsing, rarity order, typo neighbours, and the property delta
// re-screening relies on (a pair's score does not depend on which other entries are loaded).
#include "match/token_weights.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "normalize/name_tables.h"
#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {
namespace {

TEST(TokenWeightsTest, RareWordsWeighMoreThanCommonOnes) {
  const TokenWeights& w = TokenWeights::Default();
  EXPECT_GT(w.size(), 10000u);
  EXPECT_GT(w.Weight("hikvision"), w.Weight("technology"));
  EXPECT_GT(w.Weight("technology"), w.Weight("al"));
  EXPECT_FLOAT_EQ(w.Weight("zzqxv"), w.UnseenWeight());
}

TEST(TokenWeightsTest, TypoOfACommonWordWeighsAsTheWord) {
  const TokenWeights& w = TokenWeights::Default();
  ASSERT_LT(w.Weight("trading"), w.UnseenWeight());
  EXPECT_FLOAT_EQ(w.Weight("tradng"), w.Weight("trading"));
  EXPECT_FLOAT_EQ(w.Weight("tardingg"), w.UnseenWeight());  // two edits: no neighbour
}

TEST(TokenWeightsTest, ParsesCountsAndSkipsBadLines) {
  const TokenWeights w(
      "# comment\nnames\t100\ncommon\t50\nrare\t2\nbroken line\nnegative\t-3\nempty\t\n");
  EXPECT_EQ(w.size(), 2u);
  EXPECT_LT(w.Weight("common"), w.Weight("rare"));
  EXPECT_LT(w.Weight("rare"), w.UnseenWeight());
  EXPECT_FLOAT_EQ(w.Weight("negative"), w.UnseenWeight());
}

// A word common among ordinary names proves less when it matches than its rarity on the lists says;
// its presence (an unmatched word) still counts at the list weight.
TEST(TokenWeightsTest, BackgroundTableLowersTheEvidenceOfCommonWords) {
  const TokenWeights w("names\t1000\nsouthern\t2\nkestrel\t2\n",
                       "names\t10000\nsouthern\t2000\nkestrel\t1\n");
  EXPECT_FLOAT_EQ(w.Weight("southern"), w.Weight("kestrel"));
  EXPECT_LT(w.EvidenceWeight("southern"), w.Weight("southern"));
  EXPECT_FLOAT_EQ(w.EvidenceWeight("kestrel"), w.Weight("kestrel"));  // rarer on the lists
  EXPECT_FLOAT_EQ(w.EvidenceWeight("zzqxv"), w.UnseenWeight());
  // The shipped tables: "holdings" is everywhere among company names.
  const TokenWeights& d = TokenWeights::Default();
  EXPECT_LT(d.EvidenceWeight("holdings"), d.Weight("holdings"));
  EXPECT_FLOAT_EQ(d.EvidenceWeight("hikvision"), d.Weight("hikvision"));
}

// A given name or surname common in the population proves little when it matches in a person's
// name: its person evidence is capped, its presence (an unmatched word) is not.
TEST(TokenWeightsTest, CommonPersonNamesCapThePersonEvidence) {
  const TokenWeights w("names\t100000\nmorozov\t5\nkestrel\t5\n", "", "# c\nmorozov\n");
  EXPECT_FLOAT_EQ(w.Weight("morozov"), w.Weight("kestrel"));
  EXPECT_FLOAT_EQ(w.EvidenceWeight("morozov"), w.Weight("morozov"));
  EXPECT_LT(w.PersonEvidenceWeight("morozov"), w.EvidenceWeight("morozov"));
  EXPECT_FLOAT_EQ(w.PersonEvidenceWeight("kestrel"), w.EvidenceWeight("kestrel"));
  EXPECT_TRUE(w.Weights("morozov").common_person_name);
  EXPECT_FALSE(w.Weights("kestrel").common_person_name);
  // The shipped table: from the population lists of many countries, in the engine's spelling.
  const TokenWeights& d = TokenWeights::Default();
  for (const char* name : {"sergey", "morozov", "garcia", "olsson", "muhammad", "wang"})
    EXPECT_TRUE(d.Weights(name).common_person_name) << name;
  for (const char* name : {"hikvision", "quanguo", "ikanovic"})
    EXPECT_FALSE(d.Weights(name).common_person_name) << name;
}

// An ordinary word of the language (in the dictionary table) proves in an organisation's name no
// more than a word found in one name in kCommonWordShare; its presence weight, and what it proves
// in a person's name, stay; a word the tables lack is not added.
TEST(TokenWeightsTest, CommonWordsCapTheEvidenceOutsidePersonNames) {
  const TokenWeights w("names\t100000\ngolden\t5\nkestrel\t5\nhikvision\t5\n", "", "",
                       "# c\ngolden\nkestrel\npinky\n");
  const float cap = static_cast<float>(std::log(kCommonWordShare) + 1);
  EXPECT_FLOAT_EQ(w.Weight("golden"), w.Weight("hikvision"));
  EXPECT_FLOAT_EQ(w.EvidenceWeight("golden"), cap);
  EXPECT_FLOAT_EQ(w.EvidenceWeight("kestrel"), cap);
  EXPECT_FLOAT_EQ(w.EvidenceWeight("hikvision"), w.Weight("hikvision"));
  EXPECT_FLOAT_EQ(w.PersonEvidenceWeight("golden"), w.Weight("golden"));
  EXPECT_FLOAT_EQ(w.EvidenceWeight("pinky"), w.Weight("pinky"));  // unseen: not capped
  // The shipped table: a spelling dictionary's lower-case words, no proper nouns.
  const TokenWeights& d = TokenWeights::Default();
  for (const char* word : {"golden", "mountain", "systems", "educational"})
    EXPECT_LT(d.EvidenceWeight(word), d.Weight(word)) << word;
  for (const char* word : {"hikvision", "megvii", "sensetime"})
    EXPECT_FLOAT_EQ(d.EvidenceWeight(word), d.Weight(word)) << word;
}

Entity Org(std::string id, std::string name) {
  Entity e;
  e.id = std::move(id);
  e.source = "test";
  e.schema = Schema::kOrganization;
  e.name = std::move(name);
  return e;
}

Entity Person(std::string id, std::string name) {
  Entity e = Org(std::move(id), std::move(name));
  e.schema = Schema::kPerson;
  return e;
}

double ScoreOf(const std::vector<Entity>& entities, const std::string& query,
               Schema schema = Schema::kUnknown) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->entities = entities;
  snapshot->BuildIdIndex();
  auto screener = Screener::Build(snapshot);
  EXPECT_TRUE(screener.ok());
  Query q;
  q.name = query;
  q.schema = schema;
  ScreenOptions o;
  o.threshold = 0.01;
  auto hit = (*screener)->ScoreEntity(q, 0, o);
  return hit ? hit->score : 0;
}

// "Southern Co" against an alias that shares only "southern" (0.800 before the background
// table): "southern" is common among real company names, so the match alone proves little.
TEST(TokenWeightsTest, CommonWordAloneDoesNotCarryAMatch) {
  const double s = ScoreOf({Org("a", "SMIC Southern")}, "Southern Co");
  EXPECT_GT(s, 0);
  EXPECT_LT(s, ScreenOptions().threshold);
}

// Two firms sharing ordinary words are often two firms: "Golden Star Resources Ltd" is not the
// listed "GOLDEN STAR CO" (0.803 before the common-word table), while the same shape built of
// coined words still alerts.
TEST(TokenWeightsTest, OrdinaryWordsSharedByTwoFirmsDoNotCarryAMatch) {
  const double threshold = ScreenOptions().threshold;
  const double common =
      ScoreOf({Org("a", "GOLDEN STAR CO")}, "Golden Star Resources Ltd", Schema::kOrganization);
  EXPECT_GT(common, 0);
  EXPECT_LT(common, threshold);
  EXPECT_GE(ScoreOf({Org("b", "ZHONGXING MINGTAI CO")}, "Zhongxing Mingtai Resources Ltd",
                    Schema::kOrganization),
            threshold);
  EXPECT_DOUBLE_EQ(ScoreOf({Org("a", "GOLDEN STAR CO")}, "Golden Star Co", Schema::kOrganization),
                   1.0);
}

// A common given name and surname do not identify a listed person whose patronymic the query
// lacks (thousands of people are called Sergey Morozov); the full name, or a rarer name with its
// middle name dropped, still does.
TEST(TokenWeightsTest, TwoCommonNamesDoNotIdentifyALongerListedName) {
  const double threshold = ScreenOptions().threshold;
  const std::vector<Entity> listed = {Person("a", "Sergey Ivanovich MOROZOV"),
                                      Person("b", "Bajro Hasan IKANOVIC")};
  const double common = ScoreOf(listed, "Sergey Morozov", Schema::kPerson);
  EXPECT_GT(common, 0);
  EXPECT_LT(common, threshold);
  EXPECT_GE(ScoreOf(listed, "Sergey Ivanovich Morozov", Schema::kPerson), threshold);
  EXPECT_GE(ScoreOf({listed[1]}, "Bajro Ikanovic", Schema::kPerson), threshold);
}

// With corpus-wide IDF, adding many entries that share "trading" made "trading" cheaper and moved
// this score; with the fixed table it stays put.
TEST(TokenWeightsTest, PairScoreDoesNotDependOnOtherListEntries) {
  std::vector<Entity> one = {Org("a", "Pacific Trading Company Kestrel")};
  const double alone = ScoreOf(one, "Pacific Trading Kestrel Holdings");
  ASSERT_GT(alone, 0);
  std::vector<Entity> many = one;
  for (int i = 0; i < 200; ++i) {
    const std::string n = std::to_string(i);
    many.push_back(Org(std::string("t").append(n), std::string("Trading Holdings ").append(n)));
  }
  EXPECT_DOUBLE_EQ(ScoreOf(many, "Pacific Trading Kestrel Holdings"), alone);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The shipped table is what tools/make_token_weights computes from the lists it names, so anyone
// can regenerate and check it (the lists in shared/lists are the reference corpus).
TEST(TokenWeightsTest, ShippedTableMatchesTheGenerator) {
  const std::string table = std::string(PARTYSCREEN_SOURCE_DIR) + "/data/tables/token_weights.tsv";
  std::ifstream in(table);
  ASSERT_TRUE(in) << table;
  std::string lists;
  for (std::string line; std::getline(in, line) && line.rfind("#", 0) == 0;)
    if (line.rfind("#   ", 0) == 0) {
      const std::string spec = line.substr(4);
      const size_t at = spec.find("lists/");
      lists.append(" '").append(spec, 0, at).append(PARTYSCREEN_SHARED_DIR "/");
      lists.append(spec, at).append("'");
    }
  ASSERT_FALSE(lists.empty());
  const std::string out = ::testing::TempDir() + "token_weights.tsv";
  const std::string cmd =
      std::string(PARTYSCREEN_TOOLS_DIR) + "/make_token_weights" + lists + " > '" + out + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  EXPECT_TRUE(ReadAll(table) == ReadAll(out))
      << "data/tables/token_weights.tsv is stale: regenerate it with "
         "build/tools/make_token_weights (see its header)";
}

// The background table is the generator's count over the ordinary names it names.
TEST(TokenWeightsTest, ShippedBackgroundTableMatchesTheGenerator) {
  const std::string table =
      std::string(PARTYSCREEN_SOURCE_DIR) + "/data/tables/background_words.tsv";
  const std::string out = ::testing::TempDir() + "background_words.tsv";
  const std::string cmd = std::string(PARTYSCREEN_TOOLS_DIR) + "/make_token_weights --names '" +
                          PARTYSCREEN_SHARED_DIR + "/eval/innocent_dev.jsonl' > '" + out + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  EXPECT_TRUE(ReadAll(table) == ReadAll(out))
      << "data/tables/background_words.tsv is stale: regenerate it with "
         "build/tools/make_token_weights --names (see its header)";
}

// The common-person-name table is the generator's words of the population name lists
// (tools/make_population_names.py over Debian's python3-fake-factory).
TEST(TokenWeightsTest, ShippedCommonPersonNamesMatchTheGenerator) {
  const std::string table =
      std::string(PARTYSCREEN_SOURCE_DIR) + "/data/tables/common_person_names.tsv";
  const std::string names = ::testing::TempDir() + "population_names.jsonl";
  const std::string out = ::testing::TempDir() + "common_person_names.tsv";
  const std::string cmd = std::string("/usr/bin/python3 ") + PARTYSCREEN_SOURCE_DIR +
                          "/tools/make_population_names.py > '" + names + "' && " +
                          PARTYSCREEN_TOOLS_DIR + "/make_token_weights --words '" + names +
                          "' > '" + out + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  EXPECT_TRUE(ReadAll(table) == ReadAll(out))
      << "data/tables/common_person_names.tsv is stale: regenerate it (see its header)";
}

// The common-word table is the generator's reading of Debian's wamerican dictionary.
TEST(TokenWeightsTest, ShippedCommonWordsMatchTheGenerator) {
  const std::string table = std::string(PARTYSCREEN_SOURCE_DIR) + "/data/tables/common_words.tsv";
  const std::string out = ::testing::TempDir() + "common_words.tsv";
  const std::string cmd = std::string(PARTYSCREEN_TOOLS_DIR) +
                          "/make_token_weights --dictionary /usr/share/dict/american-english > '" +
                          out + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd << " (Debian package wamerican)";
  EXPECT_TRUE(ReadAll(table) == ReadAll(out))
      << "data/tables/common_words.tsv is stale: regenerate it (see its header)";
}

// legal_forms.tsv marks a start form "glued" (split off a first word that begins with it, as in
// "OOOVMK") as a fact about names: no word of the shipped word tables (every list name's words,
// ordinary company and person names, the population's given names and surnames) begins with its
// letters and goes on for 3+ more.
TEST(TokenWeightsTest, GluedStartFormsBeginNoWordOfTheShippedTables) {
  const NameTables& tables = DefaultNameTables();
  ASSERT_FALSE(tables.glued_start_forms.empty());
  for (const char* file :
       {"token_weights.tsv", "background_words.tsv", "common_person_names.tsv"}) {
    const std::string text = ReadAll(std::string(PARTYSCREEN_SOURCE_DIR) + "/data/tables/" + file);
    ASSERT_FALSE(text.empty()) << file;
    std::istringstream lines(text);
    size_t words = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] == '#') continue;
      const std::string word = line.substr(0, line.find('\t'));
      ++words;
      for (const std::string& form : tables.glued_start_forms)
        EXPECT_FALSE(word.size() >= form.size() + 3 && word.starts_with(form))
            << file << ": " << word << " begins with the glued form " << form;
    }
    EXPECT_GT(words, 1000u) << file;
  }
}

}  // namespace
}  // namespace partyscreen
