// The fixed word-weight table: parsing, rarity order, typo neighbours, and the property delta
// re-screening relies on (a pair's score does not depend on which other entries are loaded).
#include "match/token_weights.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

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

Entity Org(std::string id, std::string name) {
  Entity e;
  e.id = std::move(id);
  e.source = "test";
  e.schema = Schema::kOrganization;
  e.name = std::move(name);
  return e;
}

double ScoreOf(const std::vector<Entity>& entities, const std::string& query) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->entities = entities;
  snapshot->BuildIdIndex();
  auto screener = Screener::Build(snapshot);
  EXPECT_TRUE(screener.ok());
  Query q;
  q.name = query;
  ScreenOptions o;
  o.threshold = 0.01;
  auto hit = (*screener)->ScoreEntity(q, 0, o);
  return hit ? hit->score : 0;
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
  std::ifstream a(table), b(out);
  std::stringstream sa, sb;
  sa << a.rdbuf();
  sb << b.rdbuf();
  EXPECT_TRUE(sa.str() == sb.str()) << "data/tables/token_weights.tsv is stale: regenerate it with "
                                       "build/tools/make_token_weights (see its header)";
}

}  // namespace
}  // namespace partyscreen
