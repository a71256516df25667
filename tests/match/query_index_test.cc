// QueryIndex must be Screen() seen from the other side: over every entity of a real list, the
// pairs it finds are exactly the pairs Screen() finds over every query, with the same scores.
#include "partyscreen/query_index.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <random>
#include <set>

#include "partyscreen/snapshot.h"
#include "support/dev_queries.h"

namespace partyscreen {
namespace {

const std::string kShared = PARTYSCREEN_SHARED_DIR;

std::shared_ptr<const Screener> SdnScreener(const std::string& dir) {
  auto snap = LoadSnapshot({ParseListSpec("ofac-csv:" + kShared + "/lists/ofac/" + dir)});
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  auto built = Screener::Build(std::make_shared<const Snapshot>(std::move(snap).value()));
  EXPECT_TRUE(built.ok());
  return std::shared_ptr<const Screener>(std::move(built).value());
}

std::shared_ptr<const Screener> RealScreener() {
  static std::shared_ptr<const Screener> screener = SdnScreener("sdn-2024-07-02");
  return screener;
}

using testing_support::DevQueries;

using PairScores = std::map<std::pair<uint32_t, uint32_t>, double>;  // (query, entity) -> score

// A name as it may be typed with its letters apart or its words split elsewhere (the readings
// of name_score.h: letter runs, two-syllable given names): a short word's letters spaced
// ("ITC" -> "I T C"), dotted ("I.T.C."), a space moved one letter ("Wen-Fu" -> "We nFu"), or a
// letter of a short word changed.
std::string SpellingVariant(std::string name, std::mt19937& rng) {
  std::vector<std::pair<size_t, size_t>> words;  // [begin, end) of each word
  for (size_t i = 0; i < name.size();) {
    while (i < name.size() && !std::isalpha(static_cast<unsigned char>(name[i]))) ++i;
    const size_t b = i;
    while (i < name.size() && std::isalpha(static_cast<unsigned char>(name[i]))) ++i;
    if (i > b) words.emplace_back(b, i);
  }
  if (words.empty()) return name;
  const auto [b, e] = words[rng() % words.size()];
  std::string spaced;
  switch (rng() % 4) {
    case 0:  // letters apart
    case 1:  // dotted
      for (size_t k = b; k < e; ++k) spaced.append(1, name[k]).append(rng() % 2 ? " " : ".");
      return name.substr(0, b) + spaced + name.substr(e);
    case 2:  // the space after the word moved one letter left
      if (e < name.size() && e - b >= 2)
        return name.substr(0, e - 1) + " " + name[e - 1] + name.substr(e + 1);
      return name;
    default:  // a letter of the word changed
      name[b + rng() % (e - b)] = static_cast<char>('a' + rng() % 26);
      return name;
  }
}

TEST(QueryIndexTest, FindsExactlyThePairsScreenFinds) {
  auto screener = RealScreener();
  std::vector<Query> queries = DevQueries();
  ASSERT_GT(queries.size(), 2000u);
  // And names written without spaces (a whole name read as one word, name_score.h): the first
  // 400 dev queries joined, and with their first word last.
  for (size_t i = 0; i < 400; ++i) {
    Query q = queries[i];
    std::string name = q.name;
    std::erase(name, ' ');
    if (name == q.name) continue;
    q.name = name;
    queries.push_back(q);
    const size_t sp = queries[i].name.find(' ');
    q.name = queries[i].name.substr(sp + 1) + queries[i].name.substr(0, sp);
    std::erase(q.name, ' ');
    queries.push_back(q);
  }
  // And spelled with letters apart or words split elsewhere: 400 more variants of dev queries.
  std::mt19937 rng(7);
  for (size_t i = 0; i < 400; ++i) {
    Query q = queries[rng() % 2000];
    q.name = SpellingVariant(q.name, rng);
    queries.push_back(q);
  }
  const auto index = QueryIndex::Build(*screener, queries, 2);
  ASSERT_EQ(index->size(), queries.size());
  for (double threshold : {0.8, 0.6}) {
    ScreenOptions o;
    o.threshold = threshold;
    o.limit = 100000;
    o.explain = false;
    PairScores by_screen, by_find;
    for (uint32_t q = 0; q < queries.size(); ++q)
      for (const Hit& h : screener->Screen(queries[q], o)) by_screen[{q, h.entity_index}] = h.score;
    for (uint32_t e = 0; e < screener->snapshot().entities.size(); ++e)
      for (const QueryIndex::Match& m : index->Find(e, o)) {
        EXPECT_EQ(m.hit.entity_index, e);
        by_find[{m.query, e}] = m.hit.score;
      }
    EXPECT_GT(by_screen.size(), 500u) << threshold;
    EXPECT_EQ(by_find.size(), by_screen.size()) << threshold;
    for (const auto& [pair, score] : by_screen) {
      auto it = by_find.find(pair);
      ASSERT_NE(it, by_find.end()) << queries[pair.first].name << " / entity " << pair.second;
      EXPECT_DOUBLE_EQ(it->second, score) << queries[pair.first].name;
    }
  }
}

// Screen equals the brute-force reference (screener.h) on a real list's own names spelled with
// letters apart or words split elsewhere: SDN names with initials and two-syllable Korean and
// Chinese given names, where the letter-run and syllable readings apply.
TEST(QueryIndexTest, ScreenEqualsBruteForceOnRealNamesSpelledApart) {
  auto screener = RealScreener();
  std::vector<std::string> names;
  for (const Entity& e : screener->snapshot().entities)
    for (std::string_view n : e.AllNames())
      if (n.find('-') != std::string_view::npos || n.find(". ") != std::string_view::npos ||
          n.find(" ") == 1)
        names.emplace_back(n);
  ASSERT_GT(names.size(), 1000u);
  std::mt19937 rng(2026);
  size_t hits = 0;
  for (int round = 0; round < 120; ++round) {
    Query q;
    q.name = SpellingVariant(names[rng() % names.size()], rng);
    for (double threshold : {0.6, 0.8}) {
      ScreenOptions o;
      o.threshold = threshold;
      o.limit = 100000;
      o.explain = false;
      const auto fast = screener->Screen(q, o);
      const auto slow = screener->ScreenBruteForce(q, o);
      ASSERT_EQ(fast.size(), slow.size()) << q.name << " @ " << threshold;
      for (size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].entity_index, slow[i].entity_index) << q.name;
        EXPECT_DOUBLE_EQ(fast[i].score, slow[i].score) << q.name;
      }
      hits += fast.size();
    }
  }
  EXPECT_GT(hits, 100u);
}

TEST(QueryIndexTest, HonoursSourcesExclusionsAndExplains) {
  auto screener = RealScreener();
  const Entity& target = screener->snapshot().entities[0];
  Query exact;
  exact.name = target.name;
  exact.schema = target.schema;
  const auto index = QueryIndex::Build(*screener, {exact}, 1);
  ScreenOptions o;
  auto found = index->Find(0, o);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].query, 0u);
  EXPECT_DOUBLE_EQ(found[0].hit.score, screener->ScoreEntity(exact, 0, o)->score);
  EXPECT_FALSE(found[0].hit.explanation.aligned.empty());
  EXPECT_FALSE(found[0].hit.explanation.summary.empty());
  o.exclude_entity_ids.insert(target.id);
  EXPECT_TRUE(index->Find(0, o).empty());
  o.exclude_entity_ids.clear();
  o.sources = {"no-such-list"};
  EXPECT_TRUE(index->Find(0, o).empty());
  EXPECT_TRUE(index->Find(static_cast<uint32_t>(screener->snapshot().entities.size()), {}).empty());
}

// A serialised index, read back (here by a screener of another list version, as a delta run does),
// finds exactly what the index it came from finds; damaged bytes are refused, never trusted.
TEST(QueryIndexTest, SerializedIndexFindsTheSameAndRejectsDamage) {
  auto built_with = SdnScreener("sdn-2021-07");
  auto screener = RealScreener();
  const std::vector<Query> queries = DevQueries();
  const auto index = QueryIndex::Build(*screener, queries, 2);
  const std::string bytes = QueryIndex::Build(*built_with, queries, 1)->Serialize();
  auto loaded = QueryIndex::Deserialize(*screener, bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ((*loaded)->size(), queries.size());
  ScreenOptions o;
  o.limit = 100000;
  o.explain = false;
  size_t matches = 0;
  for (uint32_t e = 0; e < screener->snapshot().entities.size(); ++e) {
    const auto a = index->Find(e, o);
    const auto b = (*loaded)->Find(e, o);
    ASSERT_EQ(a.size(), b.size()) << screener->snapshot().entities[e].name;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].query, b[i].query);
      EXPECT_EQ(a[i].hit.score, b[i].hit.score);
      EXPECT_EQ(a[i].hit.explanation.matched_name, b[i].hit.explanation.matched_name);
    }
    matches += a.size();
  }
  EXPECT_GT(matches, 500u);
  EXPECT_EQ((*loaded)->Serialize(), bytes);

  // Truncated anywhere, or a byte changed in the structure: an error, not a crash.
  for (size_t cut : {size_t{0}, size_t{10}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 1})
    EXPECT_FALSE(QueryIndex::Deserialize(*screener, bytes.substr(0, cut)).ok()) << cut;
  std::string other_engine = bytes;
  const size_t at = other_engine.find(EngineVersion());
  ASSERT_NE(at, std::string::npos);
  other_engine[at + EngineVersion().size() - 1] ^= 1;
  auto refused = QueryIndex::Deserialize(*screener, other_engine);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("engine"), std::string::npos);
  for (size_t k = 1; k <= 64; ++k) {  // flipped bytes across the file: refused or still sane
    std::string damaged = bytes;
    damaged[k * (bytes.size() - 1) / 65] ^= 0x5a;
    auto r = QueryIndex::Deserialize(*screener, damaged);
    if (r.ok()) (void)(*r)->Find(0, o);
  }
}

// PreparedQueries are built without any list: the same bytes as the queries a Screener-built
// index prepares, and a QueryIndex over them (sharing them) finds exactly what that index finds.
TEST(QueryIndexTest, PreparedQueriesNeedNoScreener) {
  auto screener = RealScreener();
  const std::vector<Query> queries = DevQueries();
  const auto index = QueryIndex::Build(*screener, queries, 2);
  const std::shared_ptr<const PreparedQueries> prepared = PreparedQueries::Build(queries, 2);
  ASSERT_EQ(prepared->size(), queries.size());
  EXPECT_EQ(prepared->Serialize(), index->Serialize());
  auto loaded = PreparedQueries::Deserialize(prepared->Serialize(), 2);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->Serialize(), index->Serialize());
  EXPECT_FALSE(PreparedQueries::Deserialize("not prepared queries").ok());

  const QueryIndex over(*screener, prepared);
  EXPECT_EQ(&over.queries(), prepared.get());
  ScreenOptions o;
  o.limit = 100000;
  o.explain = false;
  size_t matches = 0;
  for (uint32_t e = 0; e < screener->snapshot().entities.size(); ++e) {
    const auto a = index->Find(e, o);
    const auto b = over.Find(e, o);
    ASSERT_EQ(a.size(), b.size()) << screener->snapshot().entities[e].name;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].query, b[i].query);
      EXPECT_EQ(a[i].hit.score, b[i].hit.score);
    }
    matches += a.size();
  }
  EXPECT_GT(matches, 500u);
}

// FindChanged over the real SDN 2021-07 -> 2024-07 change: for every entry on both lists, it
// returns every query that matches now but did not match the 2021 entry, and only queries that
// match now, each with ScoreEntity's hit.
TEST(QueryIndexTest, FindChangedCoversEveryNewMatchOfTheRealSdnChange) {
  auto before = SdnScreener("sdn-2021-07");
  auto now = RealScreener();
  std::vector<Query> queries = DevQueries();
  // Customers named after listed entries of both years, some with a country or birth year.
  for (const auto* snap : {&before->snapshot(), &now->snapshot()})
    for (size_t i = 0; i < snap->entities.size(); i += 4) {
      const Entity& e = snap->entities[i];
      Query q;
      q.name = e.aliases.empty() || i % 8 ? e.name : e.aliases[0].name;
      q.schema = e.schema;
      if (i % 12 == 0) q.country = "RU";
      if (i % 20 == 0) q.birth_date = "1970";
      queries.push_back(std::move(q));
    }
  const auto index = QueryIndex::Build(*now, queries, 2);
  ScreenOptions o;
  o.limit = 100000;
  o.explain = false;
  std::set<std::pair<uint32_t, std::string>> matched_before, matched_now;  // (query, entity id)
  for (uint32_t q = 0; q < queries.size(); ++q) {
    for (const Hit& h : before->Screen(queries[q], o)) matched_before.insert({q, h.entity->id});
    for (const Hit& h : now->Screen(queries[q], o)) matched_now.insert({q, h.entity->id});
  }
  size_t checked = 0, new_matches = 0;
  for (uint32_t e = 0; e < now->snapshot().entities.size(); ++e) {
    const Entity& entity = now->snapshot().entities[e];
    const Entity* old = before->snapshot().Find(entity.id);
    if (!old) continue;
    ++checked;
    std::set<uint32_t> found;
    for (const QueryIndex::Match& m : index->FindChanged(e, *old, o)) {
      EXPECT_TRUE(matched_now.count({m.query, entity.id})) << queries[m.query].name;
      // Exactly ScoreEntity's hit, also for a query that matched the entry before (its best
      // alias may be one the scoped search did not walk for it).
      const auto exact = now->ScoreEntity(queries[m.query], e, o);
      ASSERT_TRUE(exact.has_value());
      EXPECT_DOUBLE_EQ(m.hit.score, exact->score) << queries[m.query].name;
      EXPECT_EQ(m.hit.explanation.matched_name, exact->explanation.matched_name);
      found.insert(m.query);
    }
    for (auto it = matched_now.lower_bound({0, ""}); it != matched_now.end(); ++it) {
      if (it->second != entity.id || matched_before.count(*it)) continue;
      ++new_matches;
      EXPECT_TRUE(found.count(it->first)) << queries[it->first].name << " / " << entity.id;
    }
  }
  EXPECT_GT(checked, 5000u);
  EXPECT_GT(new_matches, 0u);  // the change did create matches on entries listed in both years
}

}  // namespace
}  // namespace partyscreen
