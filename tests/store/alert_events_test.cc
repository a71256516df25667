// The alert outbox (include/partyscreen/store/alert_events.h): a re-screen writes one event per
// new alert and per alert that became reopened, with its alerts (the delta's as the full pass's),
// nothing for suppressed or unchanged alerts; Since() filters by time; webhook cursors start at
// the last event and move only forwards.
#include "partyscreen/store/alert_events.h"

#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::BuildScreener;
using testing::MakeEntity;
using testing::OpenOrDie;
using testing::TempDir;

std::vector<Customer> Register() {
  return {{"c01", "Aeroflot", Schema::kOrganization, "RU", "", {}},
          {"c02", "Bank Melli", Schema::kOrganization, "IR", "", {}},
          {"c03", "Acme Widgets", Schema::kOrganization, "US", "", {}},
          {"c04", "Rosneft", Schema::kOrganization, "RU", "", {}}};
}

std::vector<Entity> OldList() {
  return {MakeEntity("ofac:1", "AEROFLOT"),
          MakeEntity("ofac:2", "BANK MELLI IRAN", {"Bank Melli"})};
}

std::vector<std::string> Events(Database& db, const std::string& since = "") {
  auto events = AlertEventLog(db).Since(since, 1000);
  EXPECT_TRUE(events.ok()) << events.status().ToString();
  std::vector<std::string> out;
  for (const AlertEvent& e : *events)
    out.push_back(std::string(AlertEventKindName(e.kind)) + " " + e.customer_id + " " +
                  e.entity_id);
  return out;
}

TEST(AlertEventsTest, NewAndReopenedAlertsAreEventsCommittedWithThem) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("e.db"));
  ASSERT_TRUE(CustomerRegister(*db).Upsert(Register()).ok());
  auto v1 = BuildScreener(OldList());
  auto r = Rescreener(*db, *v1).All(testing::Threads(1));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->alert_events, 2u);
  EXPECT_EQ(Events(*db), (std::vector<std::string>{"new c01 ofac:1", "new c02 ofac:2"}));
  auto first = AlertEventLog(*db).Since("", 10);
  ASSERT_TRUE(first.ok() && first->size() == 2);
  const AlertEvent& e = (*first)[1];
  EXPECT_EQ(e.seq, 2);
  EXPECT_EQ(e.id.rfind("evt_", 0), 0u);
  EXPECT_NE(e.id, (*first)[0].id);
  EXPECT_EQ(e.customer_name, "Bank Melli");
  EXPECT_EQ(e.entity_name, "BANK MELLI IRAN");
  EXPECT_EQ(e.list, "ofac");
  EXPECT_EQ(e.state, "open");
  EXPECT_EQ(e.snapshot, v1->snapshot().hash);
  EXPECT_EQ(e.run_id, r->run_id);
  EXPECT_NE(e.reason.find("new alert"), std::string::npos);

  // Unchanged lists: nothing new.
  ASSERT_TRUE(Rescreener(*db, *v1).All(testing::Threads(1)).ok());
  EXPECT_EQ(Events(*db).size(), 2u);

  // c02's alert reviewed a false positive; the entry changes and ROSNEFT is added: the delta
  // reopens one alert and raises one.
  ASSERT_TRUE(testing::Review(
                  *db, *v1, {"c02", "ofac:2", ReviewVerdict::kFalsePositive, "other bank", "alice"})
                  .ok());
  std::vector<Entity> changed = OldList();
  changed[1].programs.push_back("IRAN");
  changed.push_back(MakeEntity("ofac:6", "ROSNEFT"));
  auto v2 = BuildScreener(changed);
  const std::string before_delta = UtcNowIso();
  auto delta = Rescreener(*db, *v2).Delta(EntitySetOf(v1->snapshot()), testing::Threads(1));
  ASSERT_TRUE(delta.ok()) << delta.status().ToString();
  EXPECT_EQ(delta->alert_events, 2u);
  std::vector<std::string> since_delta = Events(*db, before_delta);
  std::sort(since_delta.begin(), since_delta.end());
  EXPECT_EQ(since_delta, (std::vector<std::string>{"new c04 ofac:6", "reopened c02 ofac:2"}));
  auto events = AlertEventLog(*db).Since(before_delta, 10);
  ASSERT_TRUE(events.ok());
  for (const AlertEvent& ev : *events) {
    if (ev.kind == AlertEventKind::kReopened) {
      EXPECT_EQ(ev.state, "reopened");
      EXPECT_NE(ev.reason.find("reopened"), std::string::npos);
    } else {
      EXPECT_NE(ev.reason.find("delta re-screen"), std::string::npos) << ev.reason;
    }
  }
  EXPECT_TRUE(Events(*db, "2999-01-01").empty());

  // One customer's events, in commit order: c02's alert raised, then reopened.
  auto c02 = AlertEventLog(*db).OfCustomer("c02", 100);
  ASSERT_TRUE(c02.ok());
  ASSERT_EQ(c02->size(), 2u);
  EXPECT_EQ((*c02)[0].kind, AlertEventKind::kNew);
  EXPECT_EQ((*c02)[1].kind, AlertEventKind::kReopened);
  EXPECT_LT((*c02)[0].seq, (*c02)[1].seq);
  EXPECT_TRUE(AlertEventLog(*db).OfCustomer("nobody", 100)->empty());
}

TEST(AlertEventsTest, AWebhookCursorStartsAtTheLastEventAndOnlyMovesForward) {
  TempDir dir;
  auto db = OpenOrDie(dir.File("c.db"));
  ASSERT_TRUE(CustomerRegister(*db).Upsert(Register()).ok());
  auto v1 = BuildScreener(OldList());
  ASSERT_TRUE(Rescreener(*db, *v1).All(testing::Threads(1)).ok());
  AlertEventLog log(*db);
  auto cursor = log.Subscribe("hook", "http://x/hook");
  ASSERT_TRUE(cursor.ok()) << cursor.status().ToString();
  EXPECT_EQ(cursor->delivered_seq, 2);
  EXPECT_EQ(cursor->pending, 0u);
  EXPECT_TRUE(log.Pending("hook", 10)->empty());

  std::vector<Entity> more = OldList();
  more.push_back(MakeEntity("ofac:6", "ROSNEFT"));
  ASSERT_TRUE(Rescreener(*db, *BuildScreener(more)).All(testing::Threads(1)).ok());
  auto pending = log.Pending("hook", 10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->front().customer_id, "c04");
  ASSERT_TRUE(log.RecordFailure("hook", "HTTP 503").ok());
  EXPECT_EQ((*log.Cursor("hook"))->failures, 1u);
  EXPECT_EQ((*log.Cursor("hook"))->last_error, "HTTP 503");
  ASSERT_TRUE(log.MarkDelivered("hook", pending->front().seq).ok());
  ASSERT_TRUE(log.MarkDelivered("hook", 1).ok());  // never backwards
  auto after = log.Cursor("hook");
  ASSERT_TRUE(after.ok() && *after);
  EXPECT_EQ((*after)->delivered_seq, 3);
  EXPECT_EQ((*after)->failures, 0u);
  EXPECT_EQ((*after)->pending, 0u);
  // Subscribing again changes nothing.
  EXPECT_EQ(log.Subscribe("hook", "http://x/hook")->delivered_seq, 3);
}

}  // namespace
}  // namespace partyscreen
