// Database::Open on databases it must not write to or misread (issue 12 item 12).
#include <gtest/gtest.h>

#include <filesystem>

#include "store/sql.h"
#include "store_test_util.h"

namespace partyscreen {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

TEST(DatabaseOpen, SchemaNewerThanThisBinaryIsRefusedAndNotWrittenTo) {
  TempDir dir;
  const std::string path = dir.File("newer.db");
  {
    auto db = OpenOrDie(path);
    ASSERT_TRUE(store::ConnectionOf(*db)
                    .Run("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')")
                    .ok());
  }
  for (DbAccess access : {DbAccess::kReadWrite, DbAccess::kReadOnly}) {
    auto db = Database::Open(path, access);
    ASSERT_FALSE(db.ok());
    EXPECT_NE(db.status().message().find("schema version 99 is newer than this partyscreen's"),
              std::string::npos)
        << db.status().message();
    EXPECT_NE(db.status().message().find(path), std::string::npos);
  }
}

TEST(DatabaseOpen, DroppedTableIsNamedInsteadOfAnInternalError) {
  TempDir dir;
  const std::string path = dir.File("damaged.db");
  {
    auto db = OpenOrDie(path);
    ASSERT_TRUE(store::ConnectionOf(*db).Run("DROP TABLE audit").ok());
  }
  for (DbAccess access : {DbAccess::kReadWrite, DbAccess::kReadOnly}) {
    auto db = Database::Open(path, access);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), Status::Code::kCorrupt);
    EXPECT_NE(db.status().message().find("table(s) audit missing"), std::string::npos)
        << db.status().message();
  }
}

TEST(DatabaseOpen, ReadOnlyOpenReadsAndWritesNothing) {
  TempDir dir;
  const std::string path = dir.File("ro.db");
  {
    auto db = OpenOrDie(path);
    Customer c;
    c.id = "k1";
    c.name = "Acme Trading";
    ASSERT_TRUE(CustomerRegister(*db).Upsert({c}).ok());
  }
  auto db = Database::Open(path, DbAccess::kReadOnly);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->schema_version(), Database::CurrentSchemaVersion());
  EXPECT_FALSE((*db)->id().empty());
  EXPECT_EQ(*CustomerRegister(**db).Count(), 1u);
  auto verified = AuditLog(**db).Verify();
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_FALSE(store::ConnectionOf(**db).Run("DELETE FROM customers").ok());  // writes are refused
  EXPECT_EQ(*CustomerRegister(**db).Count(), 1u);

  // A missing file is an error, not a new empty database.
  const std::string missing = dir.File("missing.db");
  EXPECT_FALSE(Database::Open(missing, DbAccess::kReadOnly).ok());
  EXPECT_FALSE(std::filesystem::exists(missing));
}

}  // namespace
}  // namespace partyscreen
