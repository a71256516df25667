// The index file and its cache: a Screener read back from SaveIndex's bytes must be the one Build
// made (the same bytes again, the same hits for every dev query), damaged or foreign bytes must be
// refused without a crash, and the cache must read, rebuild and evict as index_cache.h says.
#include "match/index_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "partyscreen/snapshot.h"
#include "support/dev_queries.h"

namespace partyscreen {
namespace {

std::shared_ptr<const Snapshot> Load(const std::vector<ListSpec>& specs) {
  auto snap = LoadSnapshot(specs);
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  return std::make_shared<const Snapshot>(std::move(snap).value());
}

// The bundled snapshot: Latin, Arabic-script, Cyrillic and Chinese names.
std::shared_ptr<const Snapshot> DefaultSnapshot() {
  static std::shared_ptr<const Snapshot> snap = Load(DefaultListSpecs());
  return snap;
}

std::shared_ptr<const Snapshot> SmallSnapshot() {
  static std::shared_ptr<const Snapshot> snap =
      Load({ParseListSpec(std::string(PARTYSCREEN_DATA_DIR) + "/examples/custom_list.csv")});
  return snap;
}

using testing_support::DevQueries;

// Every hit of every query, with its score and the alias and words it was matched on.
std::vector<std::string> AllHits(const Screener& s, const std::vector<Query>& queries) {
  std::vector<std::string> out;
  ScreenOptions o;
  o.threshold = 0.5;
  for (const Query& q : queries)
    for (const Hit& h : s.Screen(q, o))
      out.push_back(q.name + "|" + h.entity->id + "|" + std::to_string(h.score) + "|" +
                    h.explanation.matched_name + "|" + h.explanation.normalized_name + "|" +
                    h.explanation.summary);
  return out;
}

TEST(ScreenerIndexFileTest, ReadBackItIsTheBuiltIndex) {
  auto built = Screener::Build(DefaultSnapshot());
  ASSERT_TRUE(built.ok());
  const std::string bytes = (*built)->SaveIndex();
  auto read = Screener::LoadIndex(DefaultSnapshot(), bytes);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)->SaveIndex(), bytes);
  const std::vector<Query> queries = DevQueries();
  ASSERT_GT(queries.size(), 2000u);
  const std::vector<std::string> expected = AllHits(**built, queries);
  EXPECT_GT(expected.size(), 2000u);
  EXPECT_EQ(AllHits(**read, queries), expected);
}

TEST(ScreenerIndexFileTest, RefusesDamagedOrForeignBytes) {
  auto built = Screener::Build(SmallSnapshot());
  ASSERT_TRUE(built.ok());
  const std::string bytes = (*built)->SaveIndex();
  // Of other lists.
  EXPECT_FALSE(Screener::LoadIndex(DefaultSnapshot(), bytes).ok());
  // Cut anywhere: refused, never a crash or an out-of-range read.
  for (size_t cut = 0; cut < bytes.size(); cut += 1 + cut / 16)
    EXPECT_FALSE(Screener::LoadIndex(SmallSnapshot(), bytes.substr(0, cut)).ok()) << cut;
  // Every byte changed in turn: refused, or (a weight or a letter) read as a consistent index.
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
    auto read = Screener::LoadIndex(SmallSnapshot(), damaged);
    if (read.ok()) (void)(*read)->Screen(Query{"", "Acme Trading", Schema::kUnknown, "", "", {}});
  }
  EXPECT_FALSE(Screener::LoadIndex(nullptr, bytes).ok());
}

class IndexCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("partyscreen_index_cache_test_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::vector<std::filesystem::path> Files() const {
    std::vector<std::filesystem::path> out;
    if (std::filesystem::exists(dir_))
      for (const auto& e : std::filesystem::directory_iterator(dir_)) out.push_back(e.path());
    return out;
  }
  std::filesystem::path dir_;
};

TEST_F(IndexCacheTest, WritesThenReadsThenRebuildsADamagedFile) {
  const std::vector<Query> queries = {{"", "Acme Trading", Schema::kUnknown, "", "", {}},
                                      {"", "Ivan Petrov", Schema::kPerson, "", "", {}}};
  ASSERT_FALSE(IndexCacheKey(*SmallSnapshot()).empty()) << "the test binary has a build id";
  IndexCacheOutcome outcome;
  auto first = BuildWithIndexCache(SmallSnapshot(), dir_.string(), &outcome);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(outcome.written);
  EXPECT_FALSE(outcome.read);
  EXPECT_EQ(outcome.note, "");
  ASSERT_EQ(Files().size(), 1u);
  const std::filesystem::path file = Files()[0];
  EXPECT_EQ(file.filename().string(), IndexCacheKey(*SmallSnapshot()) + ".psidx");

  auto second = BuildWithIndexCache(SmallSnapshot(), dir_.string(), &outcome);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(outcome.read);
  EXPECT_FALSE(outcome.written);
  EXPECT_EQ((*second)->SaveIndex(), (*first)->SaveIndex());
  EXPECT_EQ(AllHits(**second, queries), AllHits(**first, queries));

  // One byte changed in the middle: the check sum refuses it, the index is rebuilt and rewritten.
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    const auto size = std::filesystem::file_size(file);
    f.seekg(static_cast<std::streamoff>(size / 2));
    char c = 0;
    f.read(&c, 1);
    f.seekp(static_cast<std::streamoff>(size / 2));
    c = static_cast<char>(c ^ 1);
    f.write(&c, 1);
  }
  auto third = BuildWithIndexCache(SmallSnapshot(), dir_.string(), &outcome);
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(outcome.read);
  EXPECT_TRUE(outcome.written);
  EXPECT_NE(outcome.note.find("damaged"), std::string::npos) << outcome.note;
  EXPECT_EQ((*third)->SaveIndex(), (*first)->SaveIndex());
  BuildWithIndexCache(SmallSnapshot(), dir_.string(), &outcome);
  EXPECT_TRUE(outcome.read);

  // Cut short (a crash while writing without fsync): rebuilt as well.
  std::filesystem::resize_file(file, std::filesystem::file_size(file) - 100);
  BuildWithIndexCache(SmallSnapshot(), dir_.string(), &outcome);
  EXPECT_FALSE(outcome.read);
  EXPECT_TRUE(outcome.written);
}

TEST_F(IndexCacheTest, KeepsOnlyTheMostRecentlyUsedFiles) {
  IndexCacheOutcome outcome;
  ASSERT_TRUE(BuildWithIndexCache(SmallSnapshot(), dir_.string(), &outcome, 1).ok());
  EXPECT_TRUE(outcome.written);
  ASSERT_TRUE(BuildWithIndexCache(DefaultSnapshot(), dir_.string(), &outcome, 1).ok());
  EXPECT_TRUE(outcome.written);
  ASSERT_EQ(Files().size(), 1u);
  EXPECT_EQ(Files()[0].filename().string(), IndexCacheKey(*DefaultSnapshot()) + ".psidx");
}

// The file holds every listed name (custom lists too): owner-only whatever the umask, in
// directories the cache creates owner-only; a directory that exists keeps its mode.
TEST_F(IndexCacheTest, FilesAndTheDirectoriesItCreatesAreOwnerOnly) {
  namespace fs = std::filesystem;
  const mode_t old_umask = umask(0);  // the most permissive: nothing comes from the umask
  const fs::path nested = dir_ / "xdg" / "partyscreen";
  IndexCacheOutcome outcome;
  ASSERT_TRUE(BuildWithIndexCache(SmallSnapshot(), nested.string(), &outcome).ok());
  umask(old_umask);
  ASSERT_TRUE(outcome.written) << outcome.note;
  for (const fs::path& p : {dir_, dir_ / "xdg", nested})
    EXPECT_EQ(fs::status(p).permissions() & fs::perms::all, fs::perms::owner_all) << p;
  const fs::path file = nested / (IndexCacheKey(*SmallSnapshot()) + ".psidx");
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);

  // An existing shared directory is not changed.
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  ASSERT_TRUE(BuildWithIndexCache(SmallSnapshot(), dir_.string(), &outcome).ok());
  EXPECT_TRUE(outcome.written);
  EXPECT_EQ(fs::status(dir_).permissions() & fs::perms::all,
            fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
}

TEST_F(IndexCacheTest, NoDirectoryMeansNoCache) {
  IndexCacheOutcome outcome;
  ASSERT_TRUE(BuildWithIndexCache(SmallSnapshot(), "", &outcome).ok());
  EXPECT_FALSE(outcome.read);
  EXPECT_FALSE(outcome.written);
  EXPECT_TRUE(Files().empty());
}

TEST_F(IndexCacheTest, AnUnwritableDirectoryIsANoteNotAnError) {
  std::filesystem::create_directories(dir_);
  const std::filesystem::path blocker = dir_ / "not_a_directory";
  std::ofstream(blocker) << "x";
  IndexCacheOutcome outcome;
  auto built = BuildWithIndexCache(SmallSnapshot(), blocker.string(), &outcome);
  ASSERT_TRUE(built.ok());
  EXPECT_FALSE(outcome.written);
  EXPECT_NE(outcome.note.find("not written"), std::string::npos) << outcome.note;
}

}  // namespace
}  // namespace partyscreen
