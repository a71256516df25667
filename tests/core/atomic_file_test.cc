// AtomicFile (issue 12 item 4): an output file is the old one or the complete new one.
#include "core/atomic_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/files.h"

namespace partyscreen {
namespace {

namespace fs = std::filesystem;

using testing_support::ReadWholeFile;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "partyscreen-atomic-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    path_ = (fs::path(dir_) / "results.jsonl").string();
    std::ofstream(path_, std::ios::binary) << "previous results\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  size_t FilesInDir() const {
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }
  std::string dir_, path_;
};

TEST_F(AtomicFileTest, TargetKeepsThePreviousContentUntilCommit) {
  auto file = AtomicFile::Create(path_);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  (*file)->stream() << "new line 1\n";
  (*file)->stream().flush();
  EXPECT_EQ(ReadWholeFile(path_),
            "previous results\n");  // a reader (or a kill -9 now) sees the old file
  ASSERT_TRUE((*file)->Commit().ok());
  EXPECT_EQ(ReadWholeFile(path_), "new line 1\n");
  EXPECT_EQ(FilesInDir(), 1u);  // no temporary left
}

TEST_F(AtomicFileTest, AbandonedWriteLeavesTheTargetAndRemovesTheTemporary) {
  {
    auto file = AtomicFile::Create(path_);
    ASSERT_TRUE(file.ok());
    (*file)->stream() << "half of the";
  }
  EXPECT_EQ(ReadWholeFile(path_), "previous results\n");
  EXPECT_EQ(FilesInDir(), 1u);
}

TEST_F(AtomicFileTest, TemporaryOfAKilledProcessIsRemovedByTheNextWrite) {
  const std::string stale = path_ + ".tmp.999999999";  // no such pid
  std::ofstream(stale) << "left by kill -9";
  auto file = AtomicFile::Create(path_);
  ASSERT_TRUE(file.ok());
  EXPECT_FALSE(fs::exists(stale));
  ASSERT_TRUE((*file)->Commit().ok());
}

TEST_F(AtomicFileTest, UnwritableDirectoryIsAnErrorNamingThePath) {
  auto file = AtomicFile::Create(dir_ + "/no/such/dir/out.jsonl");
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("no/such/dir/out.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace partyscreen
