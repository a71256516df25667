// The engine on the seed cases (Entity List and SDN rows quoted in shared/lists/PROVENANCE.md),
// their look-alikes, and the index-vs-reference contract of screener.h.
#include "partyscreen/screener.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>

#include "match/name_score.h"

namespace partyscreen {
namespace {

Entity Make(std::string id, Schema schema, std::string name, std::vector<std::string> aliases = {},
            std::vector<std::string> birth_dates = {}) {
  Entity e;
  e.id = std::move(id);
  e.source = e.id.substr(0, e.id.find(':'));
  e.schema = schema;
  e.name = std::move(name);
  for (std::string& a : aliases)
    e.aliases.push_back({std::move(a), AliasQuality::kStrong, "aka", ""});
  e.birth_dates = std::move(birth_dates);
  return e;
}

// Rows of CSL 2022-04 (ids are the CSL _id or SDN ent_num) named in PROVENANCE.md, plus the
// DPL look-alike and other listed parties sharing words with them.
std::shared_ptr<const Snapshot> SeedSnapshot() {
  auto s = std::make_shared<Snapshot>();
  s->entities = {
      Make("csl:hikvision-el", Schema::kUnknown, "Hangzhou Hikvision Digital Technology Co., Ltd.",
           {"Hikvision"}),
      Make("csl:dahua-el", Schema::kUnknown, "Dahua Technology"),
      Make("csl:urumqi-psb", Schema::kUnknown, "Urumqi Municipal Public Security Bureau"),
      Make("csl:29220", Schema::kPerson, "CHEN, Quanguo", {}, {"1955"}),
      Make("ofac:31493", Schema::kPerson, "CHEN, Mingguo"),
      Make("csl:dahua-dpl", Schema::kUnknown, "DAHUA ELECTRONICS CORPORATION"),
      Make("ofac:29159", Schema::kOrganization, "XINJIANG PUBLIC SECURITY BUREAU",
           {"XINJIANG BUREAU OF PUBLIC SECURITY", "PUBLIC SECURITY DEPARTMENT OF XUAR"}),
      Make("csl:hami-psb", Schema::kUnknown, "Hami Municipality Public Security Bureau",
           {"Kumul Municipality Public Security Bureau"}),
      Make("csl:yixin", Schema::kUnknown, "Yixin Science and Technology Co. Ltd.",
           {"Yixin Technology"}),
      Make("csl:leidian", Schema::kUnknown, "Jiangsu Leidian Technology Company"),
      Make("csl:megvii", Schema::kUnknown, "Megvii Technology"),
      Make("csl:yitu", Schema::kUnknown, "Yitu Technologies"),
  };
  s->BuildIdIndex();
  return s;
}

class ScreenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto built = Screener::Build(SeedSnapshot());
    ASSERT_TRUE(built.ok());
    screener_ = std::move(built).value();
  }
  std::vector<Hit> Screen(const std::string& name, Schema schema = Schema::kUnknown) const {
    Query q;
    q.name = name;
    q.schema = schema;
    return screener_->Screen(q);
  }
  std::string Top(const std::string& name, Schema schema = Schema::kUnknown) const {
    const auto hits = Screen(name, schema);
    return hits.empty() ? "" : hits.front().entity->id;
  }
  std::unique_ptr<Screener> screener_;
};

// Entity List, 9 October 2019: "Yitu Technologies". A customer written in the singular must still
// hit it (it scored 0.753 before singular and plural of -y words counted as one edit).
TEST_F(ScreenerTest, SingularOfAnIesPluralHitsTheListedName) {
  EXPECT_EQ(Top("Yitu Technology"), "csl:yitu");
  EXPECT_GT(Screen("Yitu Technology").front().score, 0.95);
  EXPECT_EQ(Top("YITU TECHNOLOGIES CO LTD"), "csl:yitu");
}

TEST_F(ScreenerTest, SeedCasesPutTheListedPartyOnTop) {
  EXPECT_EQ(Top("Hikvision"), "csl:hikvision-el");
  EXPECT_EQ(Top("Hangzhou Hikvision Digital Technology Company Limited"), "csl:hikvision-el");
  EXPECT_EQ(Top("Zhejiang Dahua Technology Co., Ltd."), "csl:dahua-el");
  EXPECT_EQ(Top("Urumqi Public Security Bureau"), "csl:urumqi-psb");
  EXPECT_EQ(Top("Quanguo Chen", Schema::kPerson), "csl:29220");
  EXPECT_EQ(Top("陈全国"), "csl:29220");
  EXPECT_EQ(Top("陳全國", Schema::kPerson), "csl:29220");
}

TEST_F(ScreenerTest, SeedHitsCarryAnExplanation) {
  const auto hits = Screen("陈全国", Schema::kPerson);
  ASSERT_FALSE(hits.empty());
  const Explanation& x = hits.front().explanation;
  EXPECT_EQ(x.matched_name, "CHEN, Quanguo");
  EXPECT_EQ(x.normalized_query, "chen quanguo");
  EXPECT_EQ(x.normalized_name, "chen quanguo");
  EXPECT_EQ(x.aligned.size(), 2u);
  EXPECT_TRUE(x.unmatched_query_tokens.empty());
  EXPECT_FALSE(x.summary.empty());
  EXPECT_DOUBLE_EQ(hits.front().score, 1.0);
}

TEST_F(ScreenerTest, LookAlikesDoNotHit) {
  // "DAHUA ELECTRONICS CORPORATION" is a different (DPL) party from Dahua Technology.
  for (const Hit& h : Screen("Dahua Electronics Corporation"))
    EXPECT_NE(h.entity->id, "csl:dahua-el");
  for (const Hit& h : Screen("Zhejiang Dahua Technology Co., Ltd."))
    EXPECT_NE(h.entity->id, "csl:dahua-dpl");
  EXPECT_TRUE(Screen("Dahua Hotel").empty());
  EXPECT_TRUE(Screen("Jiangsu HNHB Equipment").empty());
  EXPECT_TRUE(Screen("Chen Wei", Schema::kPerson).empty());
  EXPECT_TRUE(Screen("Shanghai Technology Company Limited").empty());
}

// Screens `name` against a snapshot of `entities`; the best score, 0 when nothing hits (at
// `threshold`, the engine's default when not given).
double BestScore(std::vector<Entity> entities, const std::string& name, Schema schema,
                 std::optional<double> threshold = std::nullopt) {
  auto s = std::make_shared<Snapshot>();
  s->entities = std::move(entities);
  s->BuildIdIndex();
  auto screener = Screener::Build(s);
  EXPECT_TRUE(screener.ok());
  Query q;
  q.name = name;
  q.schema = schema;
  ScreenOptions o;
  if (threshold) o.threshold = *threshold;
  const auto hits = (*screener)->Screen(q, o);
  return hits.empty() ? 0.0 : hits.front().score;
}

// SDN: ISLAMIC AFRICAN RELIEF AGENCY a.k.a. IARA; PARS ENERGY-GOSTAR DRILLING AND EXPLORATION
// (pedex.ir). A code one letter away from the listed acronym is another company's name.
TEST(ScreenerAcronymTest, AListedAcronymIsMatchedAsSpelled) {
  const std::vector<Entity> listed = {
      Make("ofac:8593", Schema::kOrganization, "ISLAMIC AFRICAN RELIEF AGENCY", {"IARA"}),
      Make("ofac:30406", Schema::kOrganization, "PARS ENERGY-GOSTAR DRILLING AND EXPLORATION",
           {"PEDEX"}),
      Make("ofac:16608", Schema::kOrganization, "TAIPEN, S.A. DE C.V.", {"TAI PEN"})};
  EXPECT_DOUBLE_EQ(BestScore(listed, "IARA", Schema::kOrganization), 1.0);
  EXPECT_DOUBLE_EQ(BestScore(listed, "I.A.R.A.", Schema::kOrganization), 1.0);
  EXPECT_GE(BestScore(listed, "PEDEX", Schema::kOrganization), 0.99);
  EXPECT_EQ(BestScore(listed, "IMARA Inc.", Schema::kOrganization), 0.0);
  EXPECT_EQ(BestScore(listed, "PREDEX", Schema::kOrganization), 0.0);
  // A name written together is not an acronym: its typos still hit.
  EXPECT_GE(BestScore(listed, "TAIREN S.A. DE C.V.", Schema::kOrganization), DefaultThreshold());
  // A name is not an acronym of itself with its legal form ("alborad" + "a" of ALBORADA S.A.).
  const std::vector<Entity> named = {Make("ofac:19156", Schema::kOrganization, "ALBORADA S.A.")};
  EXPECT_GE(BestScore(named, "ALBORADAS.A.", Schema::kOrganization), DefaultThreshold());
  // The ordinary one-word name of a company keeps its typo tolerance: scored as a one-letter typo,
  // 1 - 1/5 = 0.8, the default threshold itself, which it meets (scores sit on a grid of 1e-9:
  // the weights' binary rounding, 0.7999999999999999, does not decide).
  const std::vector<Entity> word = {Make("ofac:1", Schema::kOrganization, "IARA")};
  EXPECT_EQ(BestScore(word, "IMARA", Schema::kOrganization, 0.5), 0.8);
  EXPECT_EQ(BestScore(word, "IMARA", Schema::kOrganization), 0.8);
}

// A score that is the threshold in exact arithmetic meets it, whatever the binary rounding of
// the sums that made it, in every path that compares scores with a threshold.
TEST(ScreenerScoreGridTest, AScoreOnTheThresholdMeetsIt) {
  EXPECT_EQ(OnScoreGrid(0.7999999999999999), 0.8);
  EXPECT_EQ(OnScoreGrid(0.8000000000000002), 0.8);
  EXPECT_EQ(OnScoreGrid(1.0 - 1.0 / 5.0), 0.8);
  EXPECT_LT(OnScoreGrid(0.79999), 0.8);  // a score really below stays below
  const std::vector<Entity> listed = {Make("ofac:35016", Schema::kOrganization, "JSC SLAVA"),
                                      Make("ofac:2", Schema::kOrganization, "SLAVUTICH BREWERY")};
  // A letter left out of a five-letter word: 0.8 on paper, found at the default threshold.
  EXPECT_EQ(BestScore(listed, "JSC SAVA", Schema::kOrganization), 0.8);
  EXPECT_EQ(CompareNames("JSC SAVA", "JSC SLAVA", Schema::kOrganization, nullptr), 0.8);
}

// A slip at the boundary of an Arabic article written as its own word: the hyphen typed a letter
// late, or a letter added next to it, is a typo of the name, not another name (made-up names).
TEST(ScreenerParticleTest, ASlipAtAnArticlesBoundaryIsATypo) {
  const double t = DefaultThreshold();
  EXPECT_GE(CompareNames("ALQ-UDSIYA, Karim", "AL-QUDSIYA, Karim", Schema::kPerson), t);
  EXPECT_GE(CompareNames("AxL-QUDSIYA, Karim", "AL-QUDSIYA, Karim", Schema::kPerson), t);
  EXPECT_GE(CompareNames("Karim ABUZ-AHRANI", "Karim abu-ZAHRANI", Schema::kPerson), t);
  // (Two other short words read together with a typo: only a two-syllable given name typed
  // into no syllable, CompareNamesTest.TwoSyllableGivenNamesAreOneName; "Li Wei" is not "Lu Wei".)
  // And the index finds what the alignment accepts.
  const std::vector<Entity> listed = {Make("ofac:1", Schema::kPerson, "AL-QUDSIYA, Karim")};
  EXPECT_GE(BestScore(listed, "ALQ-UDSIYA, Karim", Schema::kPerson), t);
}

// The query may drop a listed organisation's further form after a form glued to its last word:
// "BRAVICO" reads "bravi" [CO], the listed "BRAVICO LIMITED" is indexed as "bravico" [LTD] and as
// "bravi" [CO LTD] (made-up names).
TEST(ScreenerGluedFormTest, ANameWithAGluedFormIsFoundWithoutItsFurtherForm) {
  const std::vector<Entity> listed = {Make("ofac:1", Schema::kOrganization, "BRAVICO LIMITED")};
  EXPECT_EQ(BestScore(listed, "BRAVICO", Schema::kOrganization), 1.0);
  EXPECT_EQ(BestScore(listed, "BRAVICO LTD", Schema::kOrganization), 1.0);
  EXPECT_EQ(CompareNames("BRAVICO", "BRAVICO LIMITED", Schema::kOrganization), 1.0);
}

// A vessel or aircraft is not a legal entity: an organisation or person query meets one only at a
// score 0.25 lower (yente does not match them at all); a query of unknown schema pays nothing.
TEST(ScreenerSchemaTest, AnAssetIsAnotherKindOfPartyThanAnOrganisation) {
  const std::vector<Entity> listed = {Make("ofac:15046", Schema::kVessel, "DOVER")};
  EXPECT_LT(BestScore(listed, "DOVER Corp", Schema::kOrganization), DefaultThreshold());
  EXPECT_DOUBLE_EQ(BestScore(listed, "DOVER", Schema::kUnknown), 1.0);
  EXPECT_DOUBLE_EQ(BestScore(listed, "DOVER", Schema::kVessel), 1.0);
  EXPECT_NEAR(BestScore(listed, "DOVER", Schema::kAircraft), 0.9, 1e-9);
}

// A country the query gives counts for or against a listing; one nobody recognises (a typo, a
// made-up place) is not compared at all (it used to lower every score by 0.03).
TEST(ScreenerCountryTest, AnUnrecognisedCountryIsNotCompared) {
  Entity e = Make("ofac:1", Schema::kOrganization, "MEGVII TECHNOLOGY LIMITED");
  e.countries = {"CN"};
  auto s = std::make_shared<Snapshot>();
  s->entities = {e};
  s->BuildIdIndex();
  auto screener = Screener::Build(s);
  ASSERT_TRUE(screener.ok());
  auto score = [&](const std::string& country) {
    Query q;
    q.name = "Megvii Technology";
    q.schema = Schema::kOrganization;
    q.country = country;
    const auto hits = (*screener)->Screen(q);
    return hits.empty() ? 0.0 : hits.front().score;
  };
  const double none = score("");
  EXPECT_NEAR(score("China"), std::min(1.0, none + 0.03), 1e-9);
  EXPECT_NEAR(score("Russia"), none - 0.03, 1e-9);
  EXPECT_DOUBLE_EQ(score("Narnia"), none);
}

TEST_F(ScreenerTest, ExactOutranksNear) {
  const auto exact = Screen("Megvii Technology");
  const auto typo = Screen("Megvi Technology");
  ASSERT_FALSE(exact.empty());
  ASSERT_FALSE(typo.empty());
  EXPECT_GT(exact.front().score, typo.front().score);
}

TEST_F(ScreenerTest, DifferentBirthYearCountsAgainstAPerson) {
  Query q;
  q.name = "Chen Quanguo";
  q.schema = Schema::kPerson;
  q.birth_date = "1955";
  const auto same = screener_->Screen(q);
  q.birth_date = "1980-01-01";
  ScreenOptions all;
  all.threshold = 0.01;
  const auto other = screener_->Screen(q, all);
  ASSERT_FALSE(same.empty());
  ASSERT_FALSE(other.empty());
  EXPECT_GT(same.front().score, other.front().score);
}

TEST_F(ScreenerTest, PersonQueryDoesNotHitAnOrganisationSpelledAlike) {
  const auto hits = Screen("Xinjiang Public Security Bureau", Schema::kPerson);
  for (const Hit& h : hits) EXPECT_LT(h.score, 0.7);
}

// Screen must equal the brute-force reference for every query (screener.h contract), here over
// the seed names and random one-edit, reordered, truncated and space-less variants of them.
TEST_F(ScreenerTest, IndexAgreesWithBruteForceOnRandomVariants) {
  std::mt19937 rng(12345);
  std::vector<std::string> names;
  for (const Entity& e : screener_->snapshot().entities)
    for (std::string_view n : e.AllNames()) names.emplace_back(n);
  for (int round = 0; round < 400; ++round) {
    std::string n = names[rng() % names.size()];
    switch (rng() % 6) {
      case 0:
        if (!n.empty()) n.erase(rng() % n.size(), 1);
        break;
      case 1:
        if (!n.empty()) n[rng() % n.size()] = static_cast<char>('a' + rng() % 26);
        break;
      case 2:
        if (auto sp = n.find(' '); sp != std::string::npos)
          n = n.substr(sp + 1) + " " + n.substr(0, sp);
        break;
      case 3:  // written without spaces
        std::erase(n, ' ');
        break;
      case 4:  // first word last, without spaces
        if (auto sp = n.find(' '); sp != std::string::npos) n = n.substr(sp + 1) + n.substr(0, sp);
        std::erase(n, ' ');
        break;
      default:
        if (auto sp = n.rfind(' '); sp != std::string::npos) n = n.substr(0, sp);
    }
    for (double threshold : {0.5, 0.7, 0.85}) {
      Query q;
      q.name = n;
      ScreenOptions o;
      o.threshold = threshold;
      o.explain = false;
      const auto fast = screener_->Screen(q, o);
      const auto slow = screener_->ScreenBruteForce(q, o);
      ASSERT_EQ(fast.size(), slow.size()) << n << " @ " << threshold;
      for (size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].entity_index, slow[i].entity_index) << n;
        EXPECT_DOUBLE_EQ(fast[i].score, slow[i].score) << n;
      }
    }
  }
}

TEST(CompareNamesTest, OrderPunctuationAndScriptDoNotMatter) {
  EXPECT_DOUBLE_EQ(CompareNames("CHEN, Quanguo", "Quanguo Chen", Schema::kPerson), 1.0);
  EXPECT_DOUBLE_EQ(CompareNames("陈全国", "Chen Quanguo"), 1.0);
  EXPECT_DOUBLE_EQ(CompareNames("Hik Vision", "Hikvision"), 1.0);
  EXPECT_DOUBLE_EQ(CompareNames("Quan-guo Chen", "CHEN, Quanguo"), 1.0);
  EXPECT_DOUBLE_EQ(
      CompareNames("Hangzhou Hikvision Co., Ltd.", "HANGZHOU HIKVISION COMPANY LIMITED"), 1.0);
  EXPECT_LT(CompareNames("Dahua Electronics", "Dahua Technology"), 0.8);
}

// A whole name written as one word (yente's "alexandervyacheslavovichzakharov"): in the listed
// order or with the first word last (lists write "SURNAME, Given"), exactly as spelled only.
TEST(CompareNamesTest, AWholeNameWrittenWithoutSpaces) {
  EXPECT_DOUBLE_EQ(CompareNames("alexandervyacheslavovichzakharov",
                                "Alexander Vyacheslavovich Zakharov", Schema::kPerson),
                   1.0);
  EXPECT_DOUBLE_EQ(
      CompareNames("VladimirVladimirovichPutin", "PUTIN, Vladimir Vladimirovich", Schema::kPerson),
      1.0);
  EXPECT_DOUBLE_EQ(CompareNames("Kim Jong Un", "KIMJONGUN", Schema::kPerson), 1.0);
  EXPECT_EQ(
      CompareNames("vladimirputinvladimirovich", "PUTIN, Vladimir Vladimirovich", Schema::kPerson),
      0.0);  // another order
  EXPECT_EQ(CompareNames("alexandrvyacheslavovichzakharov", "Alexander Vyacheslavovich Zakharov",
                         Schema::kPerson),
            0.0);  // a typo in a joined name is not looked for
  Explanation x;
  CompareNames("alexandervyacheslavovichzakharov", "Alexander Vyacheslavovich Zakharov",
               Schema::kPerson, &x);
  EXPECT_TRUE(x.unmatched_list_tokens.empty());
  EXPECT_TRUE(x.unmatched_query_tokens.empty());
}

// Letters written apart (name_score.h, ForEachLetterRun): an initialism's dots and a word's
// apostrophe are dropped or become spaces as the writer pleases; the letters are compared as one
// word, exactly as spelled.
TEST(CompareNamesTest, LettersWrittenApartAreOneWord) {
  EXPECT_DOUBLE_EQ(CompareNames("CONSTRUCTORA HL T", "CONSTRUCTORA H.L.T.", Schema::kOrganization),
                   1.0);
  EXPECT_DOUBLE_EQ(
      CompareNames("tongfang ria co ltd", "Tongfang R.I.A. Co., Ltd.", Schema::kOrganization), 1.0);
  EXPECT_DOUBLE_EQ(
      CompareNames("ITC LLC", "LIMITED LIABILITY COMPANY I.T.C.", Schema::kOrganization), 1.0);
  // Before: single letters anchor nothing, so even the listed name itself scored 0.
  EXPECT_DOUBLE_EQ(CompareNames("LIMITED LIABILITY COMPANY I T C",
                                "LIMITED LIABILITY COMPANY I T C", Schema::kOrganization),
                   1.0);
  EXPECT_DOUBLE_EQ(CompareNames("RA D MUHAMMAD HASAN", "RA'D MUHAMMAD HASAN", Schema::kPerson),
                   1.0);
  EXPECT_EQ(CompareNames("ITD LLC", "LIMITED LIABILITY COMPANY I.T.C.", Schema::kOrganization),
            0.0);  // another code: letters apart match only as spelled
  EXPECT_EQ(CompareNames("JR", "J. R.", Schema::kPerson), 0.0);  // two letters are initials
}

// A two-syllable Chinese or Korean given name is one name written in two parts: a typo that
// leaves a part no syllable, in a part too short to be compared alone, is a typo of the name;
// a part changed into another syllable is another name.
TEST(CompareNamesTest, TwoSyllableGivenNamesAreOneName) {
  const double t = DefaultThreshold();
  EXPECT_GE(CompareNames("HUxI-FEN CHEN", "HUI-FEN CHEN", Schema::kPerson), t);
  EXPECT_GE(CompareNames("JO, Kyong-Col", "JO, Kyong-Chol", Schema::kPerson), t);
  EXPECT_GE(CompareNames("RI HONG-OSP", "RI, Hong-Sop", Schema::kPerson), t);
  EXPECT_GE(CompareNames("CHANG, We-nFu", "CHANG, Wen-Fu", Schema::kPerson), t);
  // "chu" is a syllable, but the list writes Chun-sik as one compound, which the other reading
  // of a listed name reads as one word ("chunsik"): one letter away in six (match-16).
  EXPECT_GE(CompareNames("CHOE CHU-SIK", "CHOE, Chun-sik", Schema::kPerson), t);
  EXPECT_LT(CompareNames("CHOE CHU SIK", "CHOE, Chun Sik", Schema::kPerson), t);
  EXPECT_LT(CompareNames("Li Wei", "Lu Wei", Schema::kPerson), t);
  EXPECT_LT(CompareNames("HG Holdings", "RG HOLDINGS LTD", Schema::kOrganization), t);
  EXPECT_TRUE(IsGivenNameSyllable("kyong"));
  EXPECT_TRUE(IsGivenNameSyllable("hui"));
  EXPECT_FALSE(IsGivenNameSyllable("huxi"));
  EXPECT_FALSE(IsGivenNameSyllable("talib"));  // two vowels: no single syllable
}

TEST(CompareNamesTest, ExplanationNamesUnmatchedWords) {
  Explanation x;
  const double s =
      CompareNames("Urumqi Public Security Bureau", "Urumqi Municipal Public Security Bureau",
                   Schema::kOrganization, &x);
  EXPECT_GT(s, 0.8);
  EXPECT_LT(s, 1.0);
  ASSERT_EQ(x.unmatched_list_tokens.size(), 1u);
  EXPECT_EQ(x.unmatched_list_tokens[0], "municipal");
  EXPECT_NE(x.summary.find("municipal"), std::string::npos);
}

// A preposition or conjunction never begins a name: as the first word it is a name word ("ON
// Semiconductor" is not a semiconductor firm with a stray "on"), elsewhere it stays light; an
// article or particle that begins a name stays light too.
TEST(CompareNamesTest, AJoiningWordThatBeginsANameIsANameWord) {
  const Schema org = Schema::kOrganization;
  EXPECT_LT(CompareNames("ON Semiconductor", "Hebei Semiconductor", org), 0.8);
  EXPECT_DOUBLE_EQ(CompareNames("In Touch Systems", "Touch Systems", org),
                   CompareNames("Acme Touch Systems", "Touch Systems", org));
  EXPECT_GT(CompareNames("Bank of China", "Bank China", org), 0.9);
  EXPECT_GT(CompareNames("The Hikvision Company", "Hikvision Company", org), 0.9);
  EXPECT_GT(CompareNames("De Beers Group", "Beers Group", org), 0.85);
  EXPECT_DOUBLE_EQ(CompareNames("On Holding AG", "ON HOLDING AG", org), 1.0);
}

// A company's legal form and a word naming a body that does not trade, left unmatched on the
// other side, are two kinds of body: they conflict as two different words do. The same names
// without the form, with the word on both sides, or with a form on the listed side too, do not.
TEST(CompareNamesTest, ACompanyIsNotAnAssociation) {
  const Schema org = Schema::kOrganization;
  const std::string listed = "EDUCATIONAL DEVELOPMENT ASSOCIATION";
  const double corp = CompareNames("Educational Development Corp", listed, org);
  const double bare = CompareNames("Educational Development", listed, org);
  EXPECT_LT(corp, bare);
  EXPECT_GT(corp, 0);
  EXPECT_DOUBLE_EQ(CompareNames("Educational Development Association", listed, org), 1.0);
  // A listed association that is itself incorporated: no conflict with the query's form.
  EXPECT_DOUBLE_EQ(CompareNames("Educational Development Corp", listed + " INC", org),
                   CompareNames("Educational Development Ltd", listed + " INC", org));
  EXPECT_GT(CompareNames("Educational Development Corp", listed + " INC", org), corp);
  // Either side: a foundation queried against a listed company.
  EXPECT_LT(CompareNames("Kestrel Mining Foundation", "Kestrel Mining Ltd", org),
            CompareNames("Kestrel Mining Holdings", "Kestrel Mining Ltd", org));
  // The registered association's form (e.V.) is not a company's.
  EXPECT_DOUBLE_EQ(CompareNames("Kestrel Mining e.V.", "Kestrel Mining Foundation", org),
                   CompareNames("Kestrel Mining", "Kestrel Mining Foundation", org));
  Explanation x;
  CompareNames("Educational Development Corp", listed, org, &x);
  bool noted = false;
  for (const std::string& a : x.attributes) noted = noted || a.find("'association'") == 0;
  EXPECT_TRUE(noted);
}

// Through the index and the word table: the named innocent case of issue 11 stays below the
// threshold, the association's own name and a typo of it are found.
TEST(ScreenerKindsTest, ACompanyIsNotTheListedAssociationOfTheSameWords) {
  const std::vector<Entity> listed = {Make("ofac:1", Schema::kOrganization,
                                           "GOODWILL CHARITABLE ORGANIZATION, INC.",
                                           {"EDUCATIONAL DEVELOPMENT ASSOCIATION"})};
  const double threshold = ScreenOptions().threshold;
  EXPECT_LT(BestScore(listed, "Educational Development Corp", Schema::kOrganization, 0.5),
            threshold);
  EXPECT_LT(BestScore(listed, "Educational Development Corp", Schema::kUnknown, 0.5), threshold);
  EXPECT_GE(BestScore(listed, "Educational Development Asociation", Schema::kOrganization),
            threshold);
}

TEST(BlockingKeysTest, ScoringPairsShareAKey) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"Quanguo Chen", "CHEN, Quanguo"},
      {"陈全国", "CHEN, Quanguo"},
      {"Hik Vision", "Hikvision"},
      {"Biejing Luhe BGI", "Beijing Luhe BGI"},
      {"ООО Ромашка", "Romashka LLC"}};
  for (const auto& [a, b] : pairs) {
    ASSERT_GT(CompareNames(a, b), 0.0) << a;
    const auto ka = BlockingKeys(a);
    const auto kb = BlockingKeys(b);
    bool shared = false;
    for (uint64_t k : ka) shared = shared || std::binary_search(kb.begin(), kb.end(), k);
    EXPECT_TRUE(shared) << a << " / " << b;
  }
}

}  // namespace
}  // namespace partyscreen
