// Re-screening: the delta pass gives exactly the alerts of a full pass; review decisions suppress
// false positives until the customer or the list entry changes; the list diff names what changed.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>

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

std::vector<Customer> Register() {
  return {
      {"c01", "Aeroflot", Schema::kOrganization, "RU", "", {}},
      {"c02", "Bank Melli", Schema::kOrganization, "IR", "", {}},
      {"c03", "Acme Widgets", Schema::kOrganization, "US", "", {}},
      {"c04", "Rosneft", Schema::kOrganization, "RU", "", {}},
      {"c05", "Mahan Air", Schema::kOrganization, "IR", "", {}},
      {"c06", "Jane Doe", Schema::kPerson, "GB", "", {}},
      {"c07", "Sovcomflot", Schema::kOrganization, "RU", "", {}},
      {"c08", "Old Name Trading", Schema::kOrganization, "", "", {}},
  };
}

std::vector<Entity> OldList() {
  return {MakeEntity("ofac:1", "AEROFLOT"), MakeEntity("ofac:2", "BANK MELLI IRAN", {"Bank Melli"}),
          MakeEntity("ofac:3", "MAHAN AIR"), MakeEntity("ofac:4", "OLD NAME TRADING"),
          MakeEntity("ofac:5", "UNRELATED CO")};
}

// Added ofac:6 ROSNEFT and ofac:7 (alias Sovcomflot); removed ofac:3; ofac:4 renamed (alias
// dropped); ofac:5 programme changed; ofac:1 and ofac:2 unchanged.
std::vector<Entity> NewList() {
  return {MakeEntity("ofac:1", "AEROFLOT"),
          MakeEntity("ofac:2", "BANK MELLI IRAN", {"Bank Melli"}),
          MakeEntity("ofac:4", "NEW NAME TRADING"),
          MakeEntity("ofac:5", "UNRELATED CO", {}, {"RUSSIA-EO14024"}),
          MakeEntity("ofac:6", "ROSNEFT"),
          MakeEntity("ofac:7", "SCF GROUP", {"Sovcomflot"})};
}

TEST(ListDiffTest, NamesAddedRemovedAndChangedFields) {
  auto before = BuildScreener(OldList());
  auto after = BuildScreener(NewList());
  const ListDiff d =
      DiffEntitySets(EntitySetOf(before->snapshot()), EntitySetOf(after->snapshot()));
  ASSERT_EQ(d.added.size(), 2u);
  EXPECT_EQ(d.added[0].id, "ofac:6");
  EXPECT_EQ(d.added[1].id, "ofac:7");
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].id, "ofac:3");
  ASSERT_EQ(d.changed.size(), 2u);
  EXPECT_EQ(d.changed[0].id, "ofac:4");
  ASSERT_EQ(d.changed[0].fields.size(), 1u);
  EXPECT_EQ(d.changed[0].fields[0].field, "name");
  EXPECT_EQ(d.changed[0].fields[0].before, "\"OLD NAME TRADING\"");
  EXPECT_EQ(d.changed[1].id, "ofac:5");
  EXPECT_EQ(d.changed[1].fields.at(0).field, "programs");
}

TEST(ListDiffTest, SnapshotStoredInTheDatabaseDiffsByHashPrefix) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("s.db"));
  auto before = BuildScreener(OldList());
  ASSERT_TRUE(SnapshotArchive(*db).Save(before->snapshot()).ok());
  ASSERT_TRUE(SnapshotArchive(*db).Save(before->snapshot()).ok());  // idempotent
  auto loaded = SnapshotArchive(*db).Load(before->snapshot().hash.substr(0, 10));
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  const EntitySet direct = EntitySetOf(before->snapshot());
  ASSERT_EQ((*loaded)->entities.size(), direct.entities.size());
  const ListDiff d = DiffEntitySets(**loaded, direct);
  EXPECT_TRUE(d.added.empty() && d.removed.empty() && d.changed.empty());
  auto unknown = SnapshotArchive(*db).Load("abcdef0123");
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());
}

// Register() in a fresh database, screened fully against OldList(); Delta() re-screens it
// against NewList().
struct ScreenedOnOldList {
  TempDir dir;
  std::unique_ptr<Screener> before = BuildScreener(OldList());
  std::unique_ptr<Screener> after = BuildScreener(NewList());
  std::unique_ptr<Database> db;
  ScreenedOnOldList() {
    db = OpenOrDie(dir.File("d.db"));
    EXPECT_TRUE(CustomerRegister(*db).Upsert(Register()).ok());
    EXPECT_TRUE(Rescreener(*db, *before).All(testing::Threads(1)).ok());
  }
  Result<RescreenReport> Delta() {
    return Rescreener(*db, *after).Delta(EntitySetOf(before->snapshot()), testing::Threads(1));
  }
  // The alerts of Register() screened fully against NewList() in a database of its own.
  std::vector<std::string> FullAlerts() {
    auto full_db = OpenOrDie(dir.File("full.db"));
    EXPECT_TRUE(CustomerRegister(*full_db).Upsert(Register()).ok());
    EXPECT_TRUE(Rescreener(*full_db, *after).All(testing::Threads(1)).ok());
    return AllAlerts(*full_db);
  }
};

TEST(RescreenTest, DeltaGivesTheSameAlertsAsAFullRescreen) {
  TempDir dir;
  auto before = BuildScreener(OldList());
  auto after = BuildScreener(NewList());

  auto delta_db = OpenOrDie(dir.File("delta.db"));
  ASSERT_TRUE(CustomerRegister(*delta_db).Upsert(Register()).ok());
  ASSERT_TRUE(Rescreener(*delta_db, *before).All(testing::Threads(2)).ok());
  EXPECT_EQ(AllAlerts(*delta_db).size(), 4u);  // c01, c02, c05, c08
  auto delta =
      Rescreener(*delta_db, *after).Delta(EntitySetOf(before->snapshot()), testing::Threads(2));
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->customers_screened, 0u);
  EXPECT_EQ(delta->added_entities, 2u);
  EXPECT_EQ(delta->removed_entities, 1u);
  EXPECT_EQ(delta->changed_entities, 2u);

  auto full_db = OpenOrDie(dir.File("full.db"));
  ASSERT_TRUE(CustomerRegister(*full_db).Upsert(Register()).ok());
  ASSERT_TRUE(Rescreener(*full_db, *after).All(testing::Threads(2)).ok());
  EXPECT_EQ(AllAlerts(*delta_db), AllAlerts(*full_db));

  // New: Rosneft and Sovcomflot; gone: Mahan Air (delisted) and Old Name Trading (renamed).
  std::set<std::string> added, cleared;
  for (const AlertChange& c : delta->new_alerts)
    added.insert(fmt::format("{}|{}", c.customer_id, c.entity_id));
  for (const AlertChange& c : delta->cleared_alerts)
    cleared.insert(fmt::format("{}|{}", c.customer_id, c.entity_id));
  EXPECT_EQ(added, (std::set<std::string>{"c04|ofac:6", "c07|ofac:7"}));
  EXPECT_EQ(cleared, (std::set<std::string>{"c05|ofac:3", "c08|ofac:4"}));

  // Every customer is now on the new snapshot; a second delta run has nothing left to do.
  for (const Customer& c : Register())
    EXPECT_EQ((*CustomerRegister(*delta_db).Get(c.id))->screened_snapshot, after->snapshot().hash);
  auto again = Rescreener(*delta_db, *after).Delta(EntitySetOf(before->snapshot()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->customers_rescored + again->customers_screened, 0u);

  AuditLog audit(*delta_db);
  auto v = audit.Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_GT(v->records, Register().size());  // one per screened customer plus run summaries
}

// Screens Register() against `old_list`, then runs a delta to `new_list` in one database and a
// full re-screen in another, and checks that both hold the same alerts (ids, scores, states).
struct DeltaAndFull {
  TempDir dir;
  std::unique_ptr<Screener> before, after;
  std::unique_ptr<Database> delta_db;
  Result<RescreenReport> delta = Status::Internal("not run");
};

void RunDeltaAndFull(DeltaAndFull& t, std::vector<Entity> old_list, std::vector<Entity> new_list) {
  t.before = BuildScreener(std::move(old_list));
  t.after = BuildScreener(std::move(new_list));
  t.delta_db = OpenOrDie(t.dir.File("delta.db"));
  ASSERT_TRUE(CustomerRegister(*t.delta_db).Upsert(Register()).ok());
  ASSERT_TRUE(Rescreener(*t.delta_db, *t.before).All(testing::Threads(2)).ok());
  t.delta = Rescreener(*t.delta_db, *t.after)
                .Delta(EntitySetOf(t.before->snapshot()), testing::Threads(2));
  ASSERT_TRUE(t.delta.ok()) << t.delta.status().ToString();
  auto full_db = OpenOrDie(t.dir.File("full.db"));
  ASSERT_TRUE(CustomerRegister(*full_db).Upsert(Register()).ok());
  ASSERT_TRUE(Rescreener(*full_db, *t.after).All(testing::Threads(2)).ok());
  EXPECT_EQ(AllAlerts(*t.delta_db), AllAlerts(*full_db));
}

std::vector<std::string> AlertIds(Database& db, const std::string& customer) {
  std::vector<std::string> out;
  auto rec = CustomerRegister(db).Get(customer);
  for (const Alert& a : (*rec)->alerts) out.push_back(a.entity_id);
  std::sort(out.begin(), out.end());
  return out;
}

// The saved register index is derived data: damaged, cut short or taken from another database, it
// is rebuilt from the register, and the delta stays exact.
TEST(RescreenTest, DamagedOrForeignRegisterIndexIsRebuiltAndTheDeltaStaysExact) {
  TempDir dir;
  auto before = BuildScreener(OldList());
  auto after = BuildScreener(NewList());
  auto full_db = OpenOrDie(dir.File("full.db"));
  ASSERT_TRUE(CustomerRegister(*full_db).Upsert(Register()).ok());
  ASSERT_TRUE(Rescreener(*full_db, *after).All(testing::Threads(2)).ok());
  std::string jsonl;
  for (const Customer& c : Register()) jsonl += CustomerToJson(c) + "\n";
  const std::string file = dir.Write("register.jsonl", jsonl);
  auto other = OpenOrDie(dir.File("other.db"));
  ASSERT_TRUE(CustomerRegister(*other).ImportFile(file).ok());

  const std::string index = dir.File("delta.db.register-index");
  const std::vector<std::pair<std::string, std::string>> damages = {
      {"flipped byte", "checksum"}, {"cut short", "checksum"}, {"foreign", "another database"}};
  for (const auto& [damage, reason] : damages) {
    std::filesystem::remove(dir.File("delta.db"));
    auto db = OpenOrDie(dir.File("delta.db"));
    ASSERT_TRUE(CustomerRegister(*db).ImportFile(file).ok());
    ASSERT_TRUE(Rescreener(*db, *before).All(testing::Threads(2)).ok());
    std::string bytes;
    {
      std::ifstream in(index, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    ASSERT_GT(bytes.size(), 100u);
    if (damage == "flipped byte") bytes[bytes.size() / 2] ^= 0x10;
    if (damage == "cut short") bytes.resize(bytes.size() - 70);
    if (damage == "foreign")
      std::filesystem::copy_file(dir.File("other.db.register-index"), index,
                                 std::filesystem::copy_options::overwrite_existing);
    if (damage != "foreign") std::ofstream(index, std::ios::binary | std::ios::trunc) << bytes;
    auto delta =
        Rescreener(*db, *after).Delta(EntitySetOf(before->snapshot()), testing::Threads(2));
    ASSERT_TRUE(delta.ok()) << delta.status().ToString();
    EXPECT_EQ(delta->register_index.rfind("built from the register", 0), 0u) << damage;
    EXPECT_NE(delta->register_index.find(reason), std::string::npos) << delta->register_index;
    EXPECT_EQ(AllAlerts(*db), AllAlerts(*full_db)) << damage;
    // Rebuilt and saved again: the next run reads it.
    auto again =
        Rescreener(*db, *before).Delta(EntitySetOf(after->snapshot()), testing::Threads(2));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->register_index.rfind("saved index of 8 customers + 0", 0), 0u)
        << again->register_index;
  }
}

// A process killed while saving the register index leaves "<index>.tmp.<pid>"; the next save
// removes those of processes no longer running, and only those.
TEST(RescreenTest, AbandonedRegisterIndexTemporariesAreRemoved) {
  TempDir dir;
  std::string jsonl;
  for (const Customer& c : Register()) jsonl += CustomerToJson(c) + "\n";
  const std::string file = dir.Write("register.jsonl", jsonl);
  const std::string dead = dir.Write("r.db.register-index.tmp.4194399", "half a file");
  const std::string alive =
      dir.Write("r.db.register-index.tmp." + std::to_string(getppid()), "being written");
  auto db = OpenOrDie(dir.File("r.db"));
  ASSERT_TRUE(CustomerRegister(*db).ImportFile(file).ok());
  EXPECT_TRUE(std::filesystem::exists(dir.File("r.db.register-index")));
  EXPECT_FALSE(std::filesystem::exists(dead));
  EXPECT_TRUE(std::filesystem::exists(alive));
}

// The register index cannot be written (here a directory stands where the file goes): the delta
// uses the index it built in memory and says that it was not saved.
TEST(RescreenTest, UnsavableRegisterIndexDoesNotStopTheDelta) {
  ScreenedOnOldList t;
  std::filesystem::create_directory(t.dir.File("d.db.register-index"));
  auto delta = t.Delta();
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->register_index.rfind("built from the register", 0), 0u);
  EXPECT_NE(delta->register_index.find("not saved"), std::string::npos) << delta->register_index;
  EXPECT_EQ(AllAlerts(*t.db), t.FullAlerts());
}

TEST(RescreenTest, DeltaClearsTheAlertOfARemovedEntity) {
  DeltaAndFull t;
  RunDeltaAndFull(t, OldList(), NewList());
  ASSERT_TRUE(t.delta.ok());
  EXPECT_TRUE(AlertIds(*t.delta_db, "c05").empty());  // Mahan Air, ofac:3, delisted
  bool reported = false;
  for (const AlertChange& c : t.delta->cleared_alerts)
    reported |= c.customer_id == "c05" && c.entity_id == "ofac:3";
  EXPECT_TRUE(reported);
}

TEST(RescreenTest, ChangedEntityWithANewAliasRaisesANewAlert) {
  std::vector<Entity> new_list = OldList();
  new_list[4].aliases.push_back({"Acme Widgets", AliasQuality::kStrong, "aka", ""});  // ofac:5
  DeltaAndFull t;
  RunDeltaAndFull(t, OldList(), new_list);
  ASSERT_TRUE(t.delta.ok());
  EXPECT_EQ(t.delta->changed_entities, 1u);
  EXPECT_EQ(AlertIds(*t.delta_db, "c03"), std::vector<std::string>{"ofac:5"});
  ASSERT_EQ(t.delta->new_alerts.size(), 1u);
  EXPECT_EQ(t.delta->new_alerts[0].customer_id, "c03");
  EXPECT_TRUE(t.delta->cleared_alerts.empty());
  // Only the customer the change concerns was written; everyone else moved forward as is.
  EXPECT_EQ(t.delta->customers_rescored, 1u);
  EXPECT_EQ(t.delta->customers_carried_forward, Register().size() - 1);
}

TEST(RescreenTest, UnchangedAlertKeepsItsReviewStateWhenTheCustomerIsAffected) {
  auto before = BuildScreener(OldList());
  std::vector<Entity> new_list = OldList();
  new_list.push_back(MakeEntity("ofac:8", "MELLI BANK PLC", {"Bank Melli"}));
  auto after = BuildScreener(new_list);
  TempDir dir;
  auto db = OpenOrDie(dir.File("r.db"));
  ASSERT_TRUE(CustomerRegister(*db).Upsert(Register()).ok());
  ASSERT_TRUE(Rescreener(*db, *before).All(testing::Threads(1)).ok());
  ASSERT_TRUE(
      Review(*db, *before, {"c02", "ofac:2", ReviewVerdict::kFalsePositive, "other bank", "alice"})
          .ok());
  ASSERT_TRUE(
      Review(*db, *before, {"c01", "ofac:1", ReviewVerdict::kTrueMatch, "same airline", "alice"})
          .ok());
  auto delta = Rescreener(*db, *after).Delta(EntitySetOf(before->snapshot()), testing::Threads(1));
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->customers_rescored, 1u);  // c02: the new entry matches it too
  std::map<std::string, AlertState> c02;
  auto rec = CustomerRegister(*db).Get("c02");
  for (const Alert& a : (*rec)->alerts) c02[a.entity_id] = a.state;
  EXPECT_EQ(c02, (std::map<std::string, AlertState>{{"ofac:2", AlertState::kSuppressed},
                                                    {"ofac:8", AlertState::kOpen}}));
  // c01 was carried forward untouched: still confirmed.
  EXPECT_EQ((*CustomerRegister(*db).Get("c01"))->alerts.at(0).state, AlertState::kConfirmed);
  // A full re-screen of the same database agrees, and reports no change.
  const std::vector<std::string> after_delta = AllAlerts(*db);
  auto full = Rescreener(*db, *after).All(testing::Threads(1));
  ASSERT_TRUE(full.ok());
  EXPECT_TRUE(full->new_alerts.empty());
  EXPECT_TRUE(full->cleared_alerts.empty());
  EXPECT_EQ(AllAlerts(*db), after_delta);
}

TEST(RescreenTest, CustomersScreenedByAnotherEngineVersionGetAFullScreening) {
  ScreenedOnOldList t;
  // As if an older engine had screened the register: its scores cannot be carried forward.
  ASSERT_TRUE(store::ConnectionOf(*t.db)
                  .Run("UPDATE screening_epochs SET engine = 'partyscreen-match-0'")
                  .ok());
  auto delta = t.Delta();
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->customers_screened, Register().size());
  EXPECT_EQ(delta->customers_indexed, 0u);
  EXPECT_EQ(delta->customers_carried_forward, 0u);
  for (const Customer& c : Register())
    EXPECT_EQ((*CustomerRegister(*t.db).Get(c.id))->screened_engine, EngineVersion());
  EXPECT_EQ(AllAlerts(*t.db), t.FullAlerts());
}

TEST(RescreenTest, CustomersScreenedAtAnotherThresholdGetAFullScreening) {
  auto before = BuildScreener(OldList());
  auto after = BuildScreener(NewList());
  TempDir dir;
  auto db = OpenOrDie(dir.File("t.db"));
  ASSERT_TRUE(CustomerRegister(*db).Upsert(Register()).ok());
  RescreenOptions low = testing::Threads(1);
  low.threshold = 0.7;
  ASSERT_TRUE(Rescreener(*db, *before).All(low).ok());
  auto delta = Rescreener(*db, *after).Delta(EntitySetOf(before->snapshot()), testing::Threads(1));
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->customers_screened, Register().size());
  EXPECT_EQ(delta->customers_indexed, 0u);
}

TEST(RescreenTest, CustomersAddedAfterTheBaseScreeningGetAFullScreening) {
  ScreenedOnOldList t;
  // Added after the base screening; matches an entity that did not change.
  ASSERT_TRUE(CustomerRegister(*t.db)
                  .Upsert({{"c09", "Aeroflot", Schema::kOrganization, "", "", {}}})
                  .ok());
  auto delta = t.Delta();
  ASSERT_TRUE(delta.ok());
  EXPECT_EQ(delta->customers_screened, 1u);
  auto c9 = CustomerRegister(*t.db).Get("c09");
  ASSERT_EQ((*c9)->alerts.size(), 1u);
  EXPECT_EQ((*c9)->alerts[0].entity_id, "ofac:1");
}

// A screening state naming no epoch (a hand-edited database) is treated as no screening: the
// delta screens that customer fully instead of carrying it forward.
TEST(RescreenTest, CustomerInAnUnknownEpochGetsAFullScreening) {
  ScreenedOnOldList t;
  ASSERT_TRUE(store::ConnectionOf(*t.db)
                  .Run("UPDATE customers SET screened_epoch = 999 WHERE id = 'c04'")
                  .ok());
  auto delta = t.Delta();
  ASSERT_TRUE(delta.ok());
  EXPECT_EQ(delta->customers_screened, 1u);
  EXPECT_EQ((*CustomerRegister(*t.db).Get("c04"))->screened_snapshot, t.after->snapshot().hash);
  EXPECT_EQ(AlertIds(*t.db, "c04"), std::vector<std::string>{"ofac:6"});  // Rosneft, added
}

TEST(ReviewTest, FalsePositiveIsSuppressedUntilTheCustomerOrTheEntryChanges) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("r.db"));
  CustomerRegister reg(*db);
  ASSERT_TRUE(reg.Upsert(Register()).ok());
  auto list = BuildScreener(OldList());
  ASSERT_TRUE(Rescreener(*db, *list).All(testing::Threads(1)).ok());

  auto recorded = Review(
      *db, *list, {"c02", "ofac:2", ReviewVerdict::kFalsePositive, "different bank", "alice"});
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->listings, std::vector<std::string>{"ofac:2"});  // a party of one listing
  EXPECT_EQ((*reg.Get("c02"))->alerts.at(0).state, AlertState::kSuppressed);
  EXPECT_FALSE(
      Review(*db, *list, {"c02", "ofac:2", ReviewVerdict::kFalsePositive, "", "alice"}).ok());
  EXPECT_FALSE(
      Review(*db, *list, {"nobody", "ofac:2", ReviewVerdict::kFalsePositive, "x", "alice"}).ok());

  // Same customer, same entry: still suppressed on the next screening.
  ASSERT_TRUE(Rescreener(*db, *list).All(testing::Threads(1)).ok());
  EXPECT_EQ((*reg.Get("c02"))->alerts.at(0).state, AlertState::kSuppressed);

  // The list entry changes (a new programme): the alert comes back, flagged reopened.
  std::vector<Entity> changed = OldList();
  changed[1].programs.push_back("IRAN");
  auto list2 = BuildScreener(changed);
  {
    auto r = Rescreener(*db, *list2).All(testing::Threads(1));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  EXPECT_EQ((*reg.Get("c02"))->alerts.at(0).state, AlertState::kReopened);

  // Reviewed again against the new entry: suppressed; then the customer changes: reopened.
  ASSERT_TRUE(Review(*db, *list2,
                     {"c02", "ofac:2", ReviewVerdict::kFalsePositive, "still different", "bob"})
                  .ok());
  {
    auto r = Rescreener(*db, *list2).All(testing::Threads(1));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  EXPECT_EQ((*reg.Get("c02"))->alerts.at(0).state, AlertState::kSuppressed);
  ASSERT_TRUE(reg.Upsert({{"c02", "Bank Melli", Schema::kOrganization, "DE", "", {}}}).ok());
  {
    auto r = Rescreener(*db, *list2).All(testing::Threads(1));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  EXPECT_EQ((*reg.Get("c02"))->alerts.at(0).state, AlertState::kReopened);

  // A true match stays an alert, confirmed. Decisions are on the audit chain.
  ASSERT_TRUE(
      Review(*db, *list2, {"c01", "ofac:1", ReviewVerdict::kTrueMatch, "same airline", "bob"})
          .ok());
  EXPECT_EQ((*reg.Get("c01"))->alerts.at(0).state, AlertState::kConfirmed);
  auto v = AuditLog(*db).Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->problem;
}

TEST(RescreenTest, SecondFullRunOverManyChunksReportsNoChanges) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("i.db"));
  std::vector<Customer> many;
  for (int i = 0; i < 50; ++i)
    many.push_back({fmt::format("k{}", 1000 + i),
                    i % 10 == 0 ? "Aeroflot" : fmt::format("Person {}", i),
                    Schema::kUnknown,
                    "",
                    "",
                    {}});
  ASSERT_TRUE(CustomerRegister(*db).Upsert(many).ok());
  auto list = BuildScreener(OldList());
  RescreenOptions opt = testing::Threads(2);
  opt.customers_per_chunk = 7;
  auto first = Rescreener(*db, *list).All(opt);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->customers_screened, 50u);
  EXPECT_EQ(first->new_alerts.size(), 5u);
  auto second = Rescreener(*db, *list).All(opt);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->resumed);  // the first run finished, so this is a new run
  EXPECT_EQ(second->customers_screened, 50u);
  EXPECT_TRUE(second->new_alerts.empty());
  EXPECT_TRUE(second->cleared_alerts.empty());
}

std::vector<Entity> TenEntities() {
  std::vector<Entity> out;
  for (const char* name : {"Mahan Air", "Rosneft Oil Company", "Sovcomflot", "Hikvision",
                           "Iran Air", "Banco Nacional de Cuba", "Aerocaribbean Airlines",
                           "Korea Kwangson Banking", "Tidewater Middle East", "Zhuhai Hengqin"})
    out.push_back(MakeEntity("ofac:" + std::to_string(out.size() + 1), name));
  return out;
}

// Issue 12 item 2: a truncated list (here 10 -> 2 entities) must not replace the previous one in
// a re-screen, which would clear every alert on the lost entities.
TEST(RescreenShrinkCheck, ListThatLostMostOfASourceIsRefusedAndAlertsStay) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("shrink.db"));
  std::vector<Customer> customers(2);
  customers[0].id = "k1";
  customers[0].name = "Mahan Air";
  customers[1].id = "k2";
  customers[1].name = "Sovcomflot";
  ASSERT_TRUE(CustomerRegister(*db).Upsert(customers).ok());
  auto full = BuildScreener(TenEntities());
  ASSERT_TRUE(Rescreener(*db, *full).All(testing::Threads(1)).ok());
  const auto alerts = AllAlerts(*db);
  ASSERT_EQ(alerts.size(), 2u);

  std::vector<Entity> cut = TenEntities();
  cut.resize(2);
  auto truncated = BuildScreener(cut);
  auto all = Rescreener(*db, *truncated).All(testing::Threads(1));
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find("'ofac' 10 -> 2"), std::string::npos)
      << all.status().message();
  auto delta =
      Rescreener(*db, *truncated).Delta(EntitySetOf(full->snapshot()), testing::Threads(1));
  ASSERT_FALSE(delta.ok());
  EXPECT_NE(delta.status().message().find("--max-shrink 1"), std::string::npos);
  EXPECT_EQ(AllAlerts(*db), alerts);  // nothing cleared

  RescreenOptions accept = testing::Threads(1);
  accept.max_shrink = 1;  // the operator's override
  ASSERT_TRUE(Rescreener(*db, *truncated).All(accept).ok());
  EXPECT_EQ(AllAlerts(*db).size(), 1u);  // Sovcomflot (ofac:3) is gone from the cut list
}

}  // namespace
}  // namespace partyscreen
