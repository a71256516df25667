// Review decisions on the party (issue 14): one review clears every listing of the party; a
// listing that joins the party later, or a covered listing that changes, reopens it with the
// reason in the audit trail; namesakes are separate parties and never cleared together; a
// decision made before parties keeps covering its listing alone. Delta re-screens agree with full
// ones throughout.
#include <map>
#include <sstream>

#include "store/sql.h"
#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::AllAlerts;
using testing::BuildScreener;
using testing::MakeEntity;
using testing::OpenOrDie;
using testing::Review;
using testing::TempDir;

constexpr char kCslSdn[] = "Specially Designated Nationals (SDN) - Treasury Department";

Entity Listing(std::string id, std::string source, std::string list, Schema schema,
               std::string name) {
  Entity e = MakeEntity(std::move(id), std::move(name));
  e.source = std::move(source);
  e.list = std::move(list);
  e.schema = schema;
  return e;
}

Entity Vessel(std::string id, std::string source, std::string list, std::string name) {
  Entity e =
      Listing(std::move(id), std::move(source), std::move(list), Schema::kVessel, std::move(name));
  e.identifiers.push_back({"IMO", "9999990", "", ""});
  return e;
}

Entity Person(std::string id, std::string source, std::string list, std::string name,
              std::string born) {
  Entity e =
      Listing(std::move(id), std::move(source), std::move(list), Schema::kPerson, std::move(name));
  e.birth_dates = {std::move(born)};
  e.nationalities = {"RS"};
  return e;
}

// The vessel SEA LANTERN on the SDN list (ofac:100) and its CSL republication (csl:100): one party
// by rule 1 (same OFAC entry). Two namesakes born on different days: two parties.
std::vector<Entity> ListV1() {
  return {Vessel("ofac:100", "ofac", "SDN", "SEA LANTERN"),
          Vessel("csl:100", "csl", kCslSdn, "SEA LANTERN"),
          Person("ofac:301", "ofac", "SDN", "VUKOTIC, Radomir", "1960-01-01"),
          Person("uk:301", "uk", "HMT", "Radomir VUKOTIC", "1971-05-05"),
          MakeEntity("ofac:400", "AEROFLOT")};
}

// V1 plus `listing`.
std::vector<Entity> ListV1With(Entity listing) {
  std::vector<Entity> out = ListV1();
  out.push_back(std::move(listing));
  return out;
}

std::vector<Customer> Customers() {
  return {{"k1", "Sea Lantern", Schema::kUnknown, "", "", {}},
          {"k2", "Sea Lantern", Schema::kUnknown, "", "", {}},
          {"k3", "Radomir Vukotic", Schema::kPerson, "", "", {}},
          {"k4", "Aeroflot", Schema::kOrganization, "", "", {}}};
}

// The register screened fully against ListV1().
struct Screened {
  TempDir dir;
  std::unique_ptr<Screener> v1 = BuildScreener(ListV1());
  std::unique_ptr<Database> db;
  Screened() {
    db = OpenOrDie(dir.File("p.db"));
    EXPECT_TRUE(CustomerRegister(*db).Upsert(Customers()).ok());
    EXPECT_TRUE(Rescreener(*db, *v1).All(testing::Threads(1)).ok());
  }
  std::map<std::string, AlertState> States(const std::string& customer) {
    std::map<std::string, AlertState> out;
    auto rec = CustomerRegister(*db).Get(customer);
    EXPECT_TRUE(rec.ok() && rec->has_value());
    for (const Alert& a : (*rec)->alerts) out[a.entity_id] = a.state;
    return out;
  }
  std::string AuditTrail() {
    std::ostringstream out;
    EXPECT_TRUE(AuditLog(*db).Export("", "", out).ok());
    return out.str();
  }
  // A delta from V1 to `lists`, then a full re-screen of the same database against `lists`,
  // which must find nothing to change (the delta is exact, review states included).
  Result<RescreenReport> DeltaThenFull(const Screener& lists) {
    auto delta = Rescreener(*db, lists).Delta(EntitySetOf(v1->snapshot()), testing::Threads(2));
    if (!delta.ok()) return delta;
    const std::vector<std::string> after_delta = AllAlerts(*db);
    auto full = Rescreener(*db, lists).All(testing::Threads(2));
    EXPECT_TRUE(full.ok());
    EXPECT_TRUE(full->new_alerts.empty());
    EXPECT_TRUE(full->cleared_alerts.empty());
    EXPECT_EQ(AllAlerts(*db), after_delta) << "the full pass disagrees with the delta";
    return delta;
  }
};

constexpr AlertState kOpen = AlertState::kOpen;
constexpr AlertState kSuppressed = AlertState::kSuppressed;
constexpr AlertState kReopened = AlertState::kReopened;
constexpr AlertState kConfirmed = AlertState::kConfirmed;
using States = std::map<std::string, AlertState>;

TEST(PartyReviewTest, OneReviewClearsEveryListingOfTheParty) {
  Screened t;
  ASSERT_EQ(t.States("k1"), (States{{"ofac:100", kOpen}, {"csl:100", kOpen}}));
  auto recorded = Review(*t.db, *t.v1,
                         {"k1", "ofac:100", ReviewVerdict::kFalsePositive, "other ship", "alice"});
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->party, "party:ofac:100");
  EXPECT_EQ(recorded->listings, (std::vector<std::string>{"ofac:100", "csl:100"}));
  EXPECT_EQ(recorded->alerts.size(), 2u);
  EXPECT_EQ(t.States("k1"), (States{{"ofac:100", kSuppressed}, {"csl:100", kSuppressed}}));
  EXPECT_EQ(t.States("k2"), (States{{"ofac:100", kOpen}, {"csl:100", kOpen}}));  // not reviewed

  // The store keeps one row per covered listing, with its content hash; one audit record names
  // the party and both listings.
  auto rows = store::ConnectionOf(*t.db).Query(
      "SELECT entity_id, party, entity_hash FROM reviews WHERE customer_id = 'k1'"
      " ORDER BY entity_id");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(store::AsText((*rows)[0][0]), "csl:100");
  EXPECT_EQ(store::AsText((*rows)[0][1]), "party:ofac:100");
  EXPECT_EQ(store::AsText((*rows)[0][2]), EntityContentHash(*t.v1->snapshot().Find("csl:100")));
  const std::string trail = t.AuditTrail();
  EXPECT_NE(trail.find("\"covered\":[{\"entity_hash\""), std::string::npos) << trail;
  EXPECT_NE(trail.find("\"party\":\"party:ofac:100\""), std::string::npos);

  // Still cleared, both listings, after the next full screening.
  ASSERT_TRUE(Rescreener(*t.db, *t.v1).All(testing::Threads(1)).ok());
  EXPECT_EQ(t.States("k1"), (States{{"ofac:100", kSuppressed}, {"csl:100", kSuppressed}}));
  auto v = AuditLog(*t.db).Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
}

TEST(PartyReviewTest, ANewListingOfAClearedPartyReopensItWithTheReasonAudited) {
  Screened t;
  ASSERT_TRUE(
      Review(*t.db, *t.v1, {"k1", "ofac:100", ReviewVerdict::kFalsePositive, "other ship", "alice"})
          .ok());
  ASSERT_TRUE(
      Review(*t.db, *t.v1, {"k2", "csl:100", ReviewVerdict::kTrueMatch, "our vessel", "alice"})
          .ok());
  EXPECT_EQ(t.States("k2"), (States{{"ofac:100", kConfirmed}, {"csl:100", kConfirmed}}));
  // The UN lists the same vessel (same IMO number): a third listing joins the party.
  auto v2 = BuildScreener(ListV1With(Vessel("un:200", "un", "UN", "SEA LANTERN")));
  const Parties parties = Parties::Build(v2->snapshot());
  ASSERT_EQ(parties.Of(5).id, "party:ofac:100");

  auto delta = t.DeltaThenFull(*v2);
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(t.States("k1"),
            (States{{"ofac:100", kReopened}, {"csl:100", kReopened}, {"un:200", kReopened}}));
  // A true match stays confirmed: the new listing is the same party.
  EXPECT_EQ(t.States("k2"),
            (States{{"ofac:100", kConfirmed}, {"csl:100", kConfirmed}, {"un:200", kConfirmed}}));
  const std::string trail = t.AuditTrail();
  EXPECT_NE(trail.find("\"reopened\":{\"csl:100\":\"new listing un:200 of party party:ofac:100 "
                       "cleared on "),
            std::string::npos)
      << trail;

  // Reviewed again, against the lists with the new listing: all three cleared.
  auto again =
      Review(*t.db, *v2, {"k1", "un:200", ReviewVerdict::kFalsePositive, "still another", "bob"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->listings, (std::vector<std::string>{"ofac:100", "un:200", "csl:100"}));
  EXPECT_EQ(t.States("k1"),
            (States{{"ofac:100", kSuppressed}, {"csl:100", kSuppressed}, {"un:200", kSuppressed}}));
}

// The joining listing is published under another name: the customer does not match it, yet the
// party it cleared has a listing the reviewer never saw. The delta finds the customer through its
// review, not through a match.
TEST(PartyReviewTest, AJoiningListingTheCustomerDoesNotMatchStillReopensTheParty) {
  Screened t;
  ASSERT_TRUE(
      Review(*t.db, *t.v1, {"k1", "ofac:100", ReviewVerdict::kFalsePositive, "other ship", "alice"})
          .ok());
  auto v2 = BuildScreener(ListV1With(Vessel("un:200", "un", "UN", "OCEAN LAMP")));
  auto delta = t.DeltaThenFull(*v2);
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->customers_rescored, 1u);  // k1 only
  EXPECT_EQ(t.States("k1"), (States{{"ofac:100", kReopened}, {"csl:100", kReopened}}));
  EXPECT_EQ(t.States("k2"), (States{{"ofac:100", kOpen}, {"csl:100", kOpen}}));
  EXPECT_NE(t.AuditTrail().find("new listing un:200 of party party:ofac:100 cleared on "),
            std::string::npos);
}

TEST(PartyReviewTest, AChangedListingReopensTheParty) {
  Screened t;
  ASSERT_TRUE(
      Review(*t.db, *t.v1, {"k1", "ofac:100", ReviewVerdict::kFalsePositive, "other ship", "alice"})
          .ok());
  std::vector<Entity> changed = ListV1();
  changed[1].programs.push_back("IRAN");  // csl:100
  auto v2 = BuildScreener(changed);
  auto delta = t.DeltaThenFull(*v2);
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(t.States("k1"), (States{{"ofac:100", kReopened}, {"csl:100", kReopened}}));
  EXPECT_NE(t.AuditTrail().find("\"ofac:100\":\"listing csl:100 of party party:ofac:100 changed "
                                "since it was cleared on "),
            std::string::npos)
      << t.AuditTrail();
}

TEST(PartyReviewTest, NamesakesAreSeparatePartiesAndAreNotClearedTogether) {
  Screened t;
  ASSERT_EQ(t.States("k3"), (States{{"ofac:301", kOpen}, {"uk:301", kOpen}}));
  auto recorded =
      Review(*t.db, *t.v1, {"k3", "ofac:301", ReviewVerdict::kFalsePositive, "born 1985", "alice"});
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(recorded->listings, std::vector<std::string>{"ofac:301"});
  EXPECT_EQ(t.States("k3"), (States{{"ofac:301", kSuppressed}, {"uk:301", kOpen}}));
  ASSERT_TRUE(Rescreener(*t.db, *t.v1).All(testing::Threads(1)).ok());
  EXPECT_EQ(t.States("k3"), (States{{"ofac:301", kSuppressed}, {"uk:301", kOpen}}));
}

// A database of schema 3 with a decision on ofac:100 alone: migrated, the decision keeps its
// meaning (csl:100 was never reviewed, ofac:100 stays cleared, also when a listing joins).
TEST(PartyReviewTest, ADecisionMadeBeforePartiesKeepsCoveringItsListingAlone) {
  Screened t;
  {
    store::SqlConnection& conn = store::ConnectionOf(*t.db);
    ASSERT_TRUE(conn.Run("ALTER TABLE reviews DROP COLUMN party").ok());
    ASSERT_TRUE(conn.Run("DELETE FROM schema_version WHERE version = 4").ok());
    ASSERT_TRUE(conn.Run("INSERT INTO reviews (customer_id, entity_id, decision, reason, reviewer,"
                         " at, customer_hash, entity_hash, audit_seq) SELECT 'k1', 'ofac:100',"
                         " 'false_positive', 'other ship', 'alice', '2026-01-01T00:00:00.000Z',"
                         " content_hash, ?, 1 FROM customers WHERE id = 'k1'",
                         {EntityContentHash(*t.v1->snapshot().Find("ofac:100"))})
                    .ok());
  }
  t.db = OpenOrDie(t.dir.File("p.db"));  // migrates to schema 4
  ASSERT_EQ(t.db->schema_version(), Database::CurrentSchemaVersion());
  ASSERT_TRUE(Rescreener(*t.db, *t.v1).All(testing::Threads(1)).ok());
  EXPECT_EQ(t.States("k1"), (States{{"ofac:100", kSuppressed}, {"csl:100", kOpen}}));

  auto v2 = BuildScreener(ListV1With(Vessel("un:200", "un", "UN", "SEA LANTERN")));
  auto delta = t.DeltaThenFull(*v2);
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(t.States("k1"),
            (States{{"ofac:100", kSuppressed}, {"csl:100", kOpen}, {"un:200", kOpen}}));

  // A decision now covers the party, replacing the old one.
  ASSERT_TRUE(
      Review(*t.db, *v2, {"k1", "csl:100", ReviewVerdict::kFalsePositive, "other ship", "bob"})
          .ok());
  ASSERT_TRUE(Rescreener(*t.db, *v2).All(testing::Threads(1)).ok());
  EXPECT_EQ(t.States("k1"),
            (States{{"ofac:100", kSuppressed}, {"csl:100", kSuppressed}, {"un:200", kSuppressed}}));
}

}  // namespace
}  // namespace partyscreen
