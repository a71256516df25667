// Issue 12, data and operations items, on the built binary: stray quotes, skipped input lines,
// duplicate customer ids, atomic --out under kill -9, truncated lists, read-only databases.
// docs/HARDENING.md lists each attack and the command that reproduces it.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "support/command.h"

namespace {

namespace fs = std::filesystem;

using partyscreen::testing_support::CommandRun;
using partyscreen::testing_support::FortyRowsWithAStrayQuote;

CommandRun Shell(const std::string& cmd) {
  return partyscreen::testing_support::RunShell(cmd + " 2>&1");
}

CommandRun Partyscreen(const std::string& args) {
  return partyscreen::testing_support::RunPartyscreen(args);
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

size_t CountLines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

const std::string kUn = std::string(PARTYSCREEN_SHARED_DIR) + "/lists/un/UN_consolidated.xml";

class Hardening : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "partyscreen-hardening-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
  }
  void TearDown() override {
    Shell("chmod -R u+w " + dir_);
    fs::remove_all(dir_);
  }
  std::string Write(const std::string& name, const std::string& content) const {
    const std::string path = File(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  std::string File(const std::string& name) const { return (fs::path(dir_) / name).string(); }
  std::string dir_;
};

TEST_F(Hardening, BatchStrayQuoteScreensEveryOtherRowAndExitsThree) {
  const std::string in = Write("q.csv", FortyRowsWithAStrayQuote());
  CommandRun r =
      Partyscreen("batch --list un-xml:" + kUn + " --in " + in + " --out " + File("out.jsonl"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("line 12: quote opened on line 12"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("39 queries, 1 skipped"), std::string::npos) << r.out;
  const std::string out = Slurp(File("out.jsonl"));
  EXPECT_EQ(CountLines(out), 39u);
  for (const char* id : {"\"c12\"", "\"c24\"", "\"c25\"", "\"c40\""})
    EXPECT_NE(out.find(id), std::string::npos) << id;
}

TEST_F(Hardening, BatchJsonNameThatIsNotAStringIsASkippedLine) {
  const std::string in =
      Write("q.jsonl", "{\"id\": \"a\", \"name\": 12}\n{\"id\": \"b\", \"name\": \"Hikvision\"}\n");
  CommandRun r =
      Partyscreen("batch --list un-xml:" + kUn + " --in " + in + " --out " + File("out.jsonl"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("line 1: name: must be a string (skipped)"), std::string::npos) << r.out;
  const std::string out = Slurp(File("out.jsonl"));
  EXPECT_EQ(CountLines(out), 1u);
  EXPECT_EQ(out.find("\"a\""), std::string::npos);
}

TEST_F(Hardening, BatchWithoutSkippedLinesStillExitsZero) {
  const std::string in = Write("q.jsonl", "{\"id\": \"b\", \"name\": \"Hikvision\"}\n");
  CommandRun r =
      Partyscreen("batch --list un-xml:" + kUn + " --in " + in + " --out " + File("out.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

// kill -9 while batch screens: the previous result file must be intact (it was truncated at the
// start of the run before).
TEST_F(Hardening, BatchOutKilledMidRunLeavesThePreviousResults) {
  std::string queries;
  for (int i = 0; i < 40000; ++i)
    queries += "{\"id\": \"q" + std::to_string(i) + "\", \"name\": \"Trading Company Number " +
               std::to_string(i) + "\"}\n";
  const std::string in = Write("q.jsonl", queries);
  const std::string out = Write("out.jsonl", "previous results\n");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stderr)) _exit(126);
    const std::string list = "un-xml:" + kUn;
    execl(PARTYSCREEN_BINARY, "partyscreen", "batch", "--list", list.c_str(), "--in", in.c_str(),
          "--out", out.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the run is screening (its output is being written), then kill it.
  const std::string tmp = out + ".tmp." + std::to_string(pid);
  bool writing = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) break;  // finished before we saw it: no kill
    if (fs::exists(tmp)) {
      writing = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(writing) << "the batch run finished or never started writing";
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_EQ(Slurp(out), "previous results\n");
  // The next run finishes and replaces it, and removes the killed run's temporary.
  CommandRun r = Partyscreen("batch --list un-xml:" + kUn + " --in " +
                             Write("small.jsonl", "{\"id\": \"x\", \"name\": \"Houthis\"}\n") +
                             " --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(CountLines(Slurp(out)), 1u);
  EXPECT_FALSE(fs::exists(tmp));
}

TEST_F(Hardening, CustomersImportStrayQuoteAndDuplicateIdAreReported) {
  const std::string db = File("c.db");
  CommandRun r =
      Partyscreen("customers import " + Write("c.csv", FortyRowsWithAStrayQuote()) + " --db " + db);
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("imported 39 customer(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 12: quote opened on line 12"), std::string::npos) << r.out;

  std::string twelve = "id,name\n";
  for (int i = 1; i <= 11; ++i)
    twelve += "d" + std::to_string(i) + ",Name " + std::to_string(i) + "\n";
  twelve += "d5,Another Name\n";  // line 13 repeats the id of line 6
  r = Partyscreen("customers import " + Write("d.csv", twelve) + " --db " + db);
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("imported 11 customer(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 13: customer d5: id already on line 6"), std::string::npos) << r.out;
  r = Partyscreen("customers show d5 --json --db " + db);
  EXPECT_NE(r.out.find("Name 5"), std::string::npos) << r.out;  // the first row counts
}

TEST_F(Hardening, TruncatedListIsRefusedNamingTheFile) {
  const std::string cut = Write("UN_consolidated.xml", Slurp(kUn).substr(0, 1000000));
  CommandRun r = Partyscreen("lists --list un-xml:" + cut);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find(cut + ": incomplete or damaged UN consolidated list"), std::string::npos)
      << r.out;
}

// A database on read-only storage (here: a read-only file in a read-only directory, read by an
// unprivileged user) can be verified and exported.
TEST_F(Hardening, ReadOnlyDatabaseCanBeVerifiedAndExported) {
  const std::string db_dir = File("ro");
  fs::create_directories(db_dir);
  const std::string db = db_dir + "/audit.db";
  CommandRun r = Partyscreen("screen Houthis --list un-xml:" + kUn + " --db " + db);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  fs::create_directories(File("out"));
  // As root, file modes do not stop writes: run the commands as nobody.
  const std::string as_user =
      geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  ASSERT_EQ(Shell("chmod 0755 " + dir_ + " && chmod 0444 " + db + " && chmod 0555 " + db_dir +
                  " && chmod 0777 " + File("out"))
                .exit_code,
            0);
  r = Shell(as_user + PARTYSCREEN_BINARY + " audit verify --db " + db);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("audit trail intact: 1 record(s)"), std::string::npos) << r.out;
  r = Shell(as_user + PARTYSCREEN_BINARY + " audit export --db " + db + " --out " +
            File("out/a.jsonl"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(CountLines(Slurp(File("out/a.jsonl"))), 1u);
  r = Shell(as_user + PARTYSCREEN_BINARY + " customers list --db " + db);
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

}  // namespace
