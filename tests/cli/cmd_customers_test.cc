// `partyscreen customers import|update|delete|list|show` in-process (src/cli/cmd_customers.h) on
// a database in a temporary directory.
#include "cli/cmd_customers.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cmd_test_util.h"

namespace partyscreen::cli {
namespace {

using testing::Contains;
using testing::Ran;
using testing::RunCommand;

class CustomersCmdTest : public ::testing::Test {
 protected:
  CustomersCmdTest() : db_(dir_.File("customers.db")) {}

  Ran Import(const std::string& csv) {
    return RunCommand(RunCustomersImport, CustomersImportArgs{db_, dir_.Write("c.csv", csv)});
  }

  testing::TempDir dir_;
  const std::string db_;
};

TEST_F(CustomersCmdTest, ImportCountsTheRowsAndNamesTheSkippedOnes) {
  const Ran r = Import(
      "id,name,schema,country,birth_date\n"
      "c1,Marek Dvorsky,Person,CZ,1968-03-14\n"
      "c2,,Person,,\n"
      "c3,Acme Widgets Ltd,Organization,DE,\n");
  EXPECT_EQ(r.code, 3) << r.err;  // a row was skipped
  EXPECT_TRUE(Contains(r.out, "imported 2 customer(s), 0 unchanged, 1 row(s) skipped; ")) << r.out;
  EXPECT_TRUE(Contains(r.err, "c.csv line 3: ")) << r.err;
  EXPECT_TRUE(Contains(r.err, "(skipped)")) << r.err;

  const Ran again = Import("id,name\nc1,Marek Dvorsky\n");
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_TRUE(Contains(again.out, "imported 1 customer(s), 0 unchanged, 0 row(s) skipped"))
      << again.out;  // c1 changed: its schema, country and birth date are gone
}

TEST_F(CustomersCmdTest, ImportShowsProgressOnlyWhenAsked) {
  const std::string csv = "id,name\nc1,Marek Dvorsky\nc2,Acme Widgets Ltd\n";
  const Ran quiet =
      RunCommand(RunCustomersImport, CustomersImportArgs{db_, dir_.Write("q.csv", csv)});
  EXPECT_FALSE(Contains(quiet.err, "lines/s")) << quiet.err;
  CustomersImportArgs args{db_, dir_.Write("p.csv", csv)};
  args.progress = true;
  const Ran shown = RunCommand(RunCustomersImport, args);
  EXPECT_EQ(shown.code, 0) << shown.err;
  EXPECT_TRUE(Contains(shown.err, "\rcustomers import: 3 / 3 lines (100%), ")) << shown.err;
  EXPECT_TRUE(Contains(shown.err, "lines/s, ETA 0 s\n")) << shown.err;
}

TEST_F(CustomersCmdTest, AnImportFileThatCannotBeReadExitsOne) {
  const Ran r = RunCommand(RunCustomersImport, CustomersImportArgs{db_, dir_.File("missing.csv")});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "missing.csv")) << r.err;
}

TEST_F(CustomersCmdTest, ListAndShowPrintWhatWasImported) {
  ASSERT_EQ(Import("id,name,schema,country\nc1,Marek Dvorsky,Person,CZ\nc2,Acme Ltd,,\n").code, 0);
  const Ran list = RunCommand(RunCustomersList, CustomersListArgs{db_, "", 100, false});
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_EQ(list.out,
            "c1\tMarek Dvorsky\tPerson\tCZ\tnot screened\n"
            "c2\tAcme Ltd\tThing\t\tnot screened\n");
  const Ran after = RunCommand(RunCustomersList, CustomersListArgs{db_, "c1", 100, true});
  ASSERT_EQ(after.code, 0) << after.err;
  EXPECT_EQ(nlohmann::json::parse(after.out)["id"], "c2");

  const Ran show = RunCommand(RunCustomersShow, CustomersShowArgs{db_, "c1", false});
  ASSERT_EQ(show.code, 0) << show.err;
  EXPECT_TRUE(Contains(show.out, "c1  Marek Dvorsky\n  schema Person, country CZ, birth date -\n"))
      << show.out;
  EXPECT_TRUE(Contains(show.out, "screened never (or changed since)")) << show.out;
  EXPECT_TRUE(Contains(show.out, "  no alerts\n")) << show.out;

  const Ran json = RunCommand(RunCustomersShow, CustomersShowArgs{db_, "c1", true});
  ASSERT_EQ(json.code, 0) << json.err;
  const nlohmann::json j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["name"], "Marek Dvorsky");
  EXPECT_TRUE(j["alerts"].empty());
}

TEST_F(CustomersCmdTest, ShowOfAnUnknownIdExitsOne) {
  ASSERT_EQ(Import("id,name\nc1,Marek Dvorsky\n").code, 0);
  const Ran r = RunCommand(RunCustomersShow, CustomersShowArgs{db_, "nope", false});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "partyscreen: no customer with id nope\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(CustomersCmdTest, UpdateAddsChangesAndLeavesUnchanged) {
  CustomersUpdateArgs a;
  a.db = db_;
  a.id = "c7";
  a.name = "Elena Voronova";
  Ran r = RunCommand(RunCustomersUpdate, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "added c7\n");

  a.name.reset();
  a.country = "Russia";
  r = RunCommand(RunCustomersUpdate, a);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "updated c7\n");
  r = RunCommand(RunCustomersUpdate, a);
  EXPECT_EQ(r.out, "unchanged c7\n");

  const Ran show = RunCommand(RunCustomersShow, CustomersShowArgs{db_, "c7", false});
  EXPECT_TRUE(Contains(show.out, "c7  Elena Voronova\n  schema Thing, country RU,")) << show.out;
}

TEST_F(CustomersCmdTest, UpdateWithABadFieldIsAUsageError) {
  CustomersUpdateArgs a;
  a.db = db_;
  a.id = "c1";
  a.name = "Marek Dvorsky";
  a.birth_date = "14/03/1968";
  const Ran r = RunCommand(RunCustomersUpdate, a);
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(Contains(r.err, "birth_date: '14/03/1968' is not an ISO date")) << r.err;
}

TEST_F(CustomersCmdTest, DeleteRemovesTheCustomerOnce) {
  ASSERT_EQ(Import("id,name\nc1,Marek Dvorsky\n").code, 0);
  Ran r = RunCommand(RunCustomersDelete, CustomersDeleteArgs{db_, "c1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "deleted c1\n");
  r = RunCommand(RunCustomersDelete, CustomersDeleteArgs{db_, "c1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "partyscreen: no customer with id c1\n");
}

TEST_F(CustomersCmdTest, ADatabaseThatCannotBeOpenedExitsOne) {
  const Ran r = RunCommand(RunCustomersList,
                           CustomersListArgs{dir_.File("no/such/dir/x.db"), "", 100, false});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(Contains(r.err, "partyscreen: ")) << r.err;
}

}  // namespace
}  // namespace partyscreen::cli
