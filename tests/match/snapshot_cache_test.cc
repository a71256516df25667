// The parsed-list cache (LoadSnapshotWithCache, match/index_cache.h): a cached parse is served
// only while the files it read, and the directories they lie in, are unchanged; what it serves
// equals a fresh parse; damaged files are parsed again.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "lists/snapshot_file.h"
#include "match/index_cache.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {
namespace {

namespace fs = std::filesystem;

class SnapshotCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("partyscreen_snapshot_cache_test_" + std::to_string(getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    lists_ = root_ / "lists";
    cache_ = root_ / "cache";
    fs::create_directories(lists_);
  }
  void TearDown() override { fs::remove_all(root_); }

  // Loads through the cache and checks the result against a fresh parse.
  std::string LoadAndCompare(const std::vector<ListSpec>& specs, IndexCacheOutcome* outcome) {
    auto cached = LoadSnapshotWithCache(specs, cache_.string(), outcome);
    EXPECT_TRUE(cached.ok()) << cached.status().ToString();
    auto fresh = LoadSnapshot(specs);
    EXPECT_TRUE(fresh.ok()) << fresh.status().ToString();
    if (!cached.ok() || !fresh.ok()) return "";
    const std::string bytes = EncodeSnapshot(*cached);
    EXPECT_EQ(bytes, EncodeSnapshot(*fresh));
    return bytes;
  }
  static void Write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }

  fs::path root_;
  fs::path lists_;  // the list files
  fs::path cache_;  // the cache directory (created by the cache)
};

const char kCustom[] =
    "id,name,schema,country\n"
    "c1,Acme Trading LLC,Organization,IR\n"
    "c2,Ivan Petrov,Person,RU\n";

TEST_F(SnapshotCacheTest, ServesTheParseUntilAFileReadChanges) {
  const fs::path file = lists_ / "own.csv";
  Write(file, kCustom);
  const std::vector<ListSpec> specs = {{file.string(), "custom-csv"}};
  IndexCacheOutcome outcome;
  const std::string first = LoadAndCompare(specs, &outcome);
  EXPECT_TRUE(outcome.written) << outcome.note;
  EXPECT_FALSE(outcome.read);
  const std::string second = LoadAndCompare(specs, &outcome);
  EXPECT_TRUE(outcome.read);
  EXPECT_EQ(second, first);

  // Same size, same modification time, other contents: the content hash tells.
  const auto mtime = fs::last_write_time(file);
  std::string changed = kCustom;
  changed.replace(changed.find("Acme"), 4, "Acne");
  Write(file, changed);
  fs::last_write_time(file, mtime);
  const std::string third = LoadAndCompare(specs, &outcome);
  EXPECT_FALSE(outcome.read);
  EXPECT_TRUE(outcome.written);
  EXPECT_NE(third, first);
  EXPECT_NE(third.find("Acne Trading"), std::string::npos);
  LoadAndCompare(specs, &outcome);
  EXPECT_TRUE(outcome.read);
}

// sdn.csv alone, then alt.csv put beside it: the OFAC loader reads the new companion, so the
// cached parse (which had no alias) must not be served.
TEST_F(SnapshotCacheTest, ACompanionFileAppearingIsAChange) {
  Write(lists_ / "sdn.csv",
        "306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
  const std::vector<ListSpec> specs = {{(lists_ / "sdn.csv").string(), "ofac-csv"}};
  IndexCacheOutcome outcome;
  LoadAndCompare(specs, &outcome);
  EXPECT_TRUE(outcome.written) << outcome.note;
  LoadAndCompare(specs, &outcome);
  EXPECT_TRUE(outcome.read);
  Write(lists_ / "alt.csv", "306,219,\"aka\",\"NATIONAL BANK OF CUBA\",-0- \r\n");
  const std::string with_alias = LoadAndCompare(specs, &outcome);
  EXPECT_FALSE(outcome.read);
  EXPECT_NE(with_alias.find("NATIONAL BANK OF CUBA"), std::string::npos);
}

TEST_F(SnapshotCacheTest, ADamagedFileIsParsedAgainWithANote) {
  const fs::path file = lists_ / "own.csv";
  Write(file, kCustom);
  const std::vector<ListSpec> specs = {{file.string(), "custom-csv"}};
  IndexCacheOutcome outcome;
  LoadAndCompare(specs, &outcome);
  ASSERT_TRUE(outcome.written);
  fs::path cached;
  for (const auto& e : fs::directory_iterator(cache_))
    if (e.path().extension() == ".pssnap") cached = e.path();
  ASSERT_FALSE(cached.empty());
  EXPECT_EQ(fs::status(cached).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  fs::resize_file(cached, fs::file_size(cached) - 10);
  LoadAndCompare(specs, &outcome);
  EXPECT_FALSE(outcome.read);
  EXPECT_TRUE(outcome.written);
  EXPECT_NE(outcome.note.find("damaged"), std::string::npos) << outcome.note;
  LoadAndCompare(specs, &outcome);
  EXPECT_TRUE(outcome.read);
}

TEST_F(SnapshotCacheTest, NoDirectoryMeansNoCache) {
  const fs::path file = lists_ / "own.csv";
  Write(file, kCustom);
  IndexCacheOutcome outcome;
  auto loaded = LoadSnapshotWithCache({{file.string(), "custom-csv"}}, "", &outcome);
  ASSERT_TRUE(loaded.ok());
  EXPECT_FALSE(outcome.read);
  EXPECT_FALSE(outcome.written);
  EXPECT_FALSE(fs::exists(cache_));
}

}  // namespace
}  // namespace partyscreen
