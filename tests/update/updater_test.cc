// `lists update` against a local HTTP server started here, serving the files of ../shared/lists:
// a first update, an unchanged one, a changed one (SDN 2021-07 -> 2024-07), and each failure (404,
// timeout, truncated file, corrupt gzip and zip, half the entries gone) keeping the last good
// version.
#include "update/updater.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lists/staleness.h"
#include "partyscreen/snapshot.h"
#include "support/command.h"
#include "support/files.h"
#include "support/list_server.h"

namespace partyscreen {
namespace {

namespace fs = std::filesystem;

std::string Shared(const std::string& rel) {
  return testing_support::ReadWholeFile(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/" + rel);
}

// Every other line of a CSV dropped: a file that lost half its entries.
std::string HalfTheLines(const std::string& text) {
  std::stringstream in(text), out;
  std::string line;
  for (int i = 0; std::getline(in, line); ++i)
    if (i % 2 == 0) out << line << "\n";
  return out.str();
}

using testing_support::ListServer;

class UpdaterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (fs::temp_directory_path() /
            ("partyscreen_update_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::remove_all(dir_);
    server_.Set("/sdn.csv", Shared("ofac/sdn-2021-07/sdn.csv"));
    server_.Set("/un.xml", Shared("un/UN_consolidated.xml"));
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<ListSource> Sources(const std::string& sdn_path = "/sdn.csv",
                                  const std::string& un_path = "/un.xml") {
    auto s = ParseSources("ofac-sdn\tofac-csv\tsdn.csv\t" + server_.Url(sdn_path) +
                              "\nun\tun-xml\tconsolidated.xml\t" + server_.Url(un_path) + "\n",
                          "test");
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return *s;
  }
  UpdateReport Update(const std::vector<ListSource>& sources) {
    UpdateOptions o;
    o.dir = dir_;
    o.fetch.timeout_seconds = 1;
    auto r = UpdateLists(sources, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : UpdateReport{};
  }
  Manifest Current() {
    auto m = ReadManifest(dir_ + "/current.json");
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? *m : Manifest{};
  }
  Snapshot Load() {
    auto s = LoadSnapshot({ListSpec(dir_, "")});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : Snapshot{};
  }

  ListServer server_;
  std::string dir_;
};

TEST_F(UpdaterTest, FirstUnchangedAndChangedUpdates) {
  const UpdateReport first = Update(Sources());
  ASSERT_EQ(first.sources.size(), 2u);
  EXPECT_EQ(first.sources[0].outcome, SourceOutcome::kUpdated);
  EXPECT_EQ(first.sources[1].outcome, SourceOutcome::kUpdated);
  EXPECT_TRUE(first.switched);
  EXPECT_EQ(first.manifest_number, 1u);
  const Snapshot v1 = Load();
  ASSERT_EQ(v1.sources.size(), 2u);
  EXPECT_EQ(v1.entities.size(), first.sources[0].entities + first.sources[1].entities);
  EXPECT_FALSE(v1.sources[0].retrieved.empty());
  // Downloaded just now: current, so no staleness warning.
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_EQ(
      StalenessWarning(ListAges(v1, kDefaultMaxListAgeDays, now), false, kDefaultMaxListAgeDays),
      "");

  const UpdateReport same = Update(Sources());
  EXPECT_EQ(same.sources[0].outcome, SourceOutcome::kUnchanged);
  EXPECT_EQ(same.sources[1].outcome, SourceOutcome::kUnchanged);
  EXPECT_FALSE(same.switched);
  EXPECT_EQ(same.manifest_number, 1u);
  EXPECT_EQ(Load().hash, v1.hash);  // no new snapshot
  EXPECT_FALSE(fs::exists(dir_ + "/manifests/000002.json"));

  server_.Set("/sdn.csv", Shared("ofac/sdn-2024-07-02/sdn.csv"));
  const UpdateReport changed = Update(Sources());
  EXPECT_EQ(changed.sources[0].outcome, SourceOutcome::kUpdated);
  EXPECT_EQ(changed.sources[1].outcome, SourceOutcome::kUnchanged);
  EXPECT_TRUE(changed.switched);
  EXPECT_EQ(changed.manifest_number, 2u);
  EXPECT_GT(changed.sources[0].entities, first.sources[0].entities);
  const Snapshot v2 = Load();
  EXPECT_NE(v2.hash, v1.hash);
  EXPECT_EQ(v2.entities.size(), changed.sources[0].entities + changed.sources[1].entities);
  // Both versions stay archived, each manifest numbered.
  EXPECT_TRUE(fs::exists(dir_ + "/manifests/000001.json"));
  EXPECT_TRUE(fs::exists(dir_ + "/manifests/000002.json"));
  EXPECT_TRUE(fs::exists(dir_ + "/archive/ofac-sdn/" + first.sources[0].sha256 + "/sdn.csv"));
}

TEST_F(UpdaterTest, EveryFailureKeepsTheLastGoodVersionAndSaysWhy) {
  ASSERT_TRUE(Update(Sources()).switched);
  const Manifest good = Current();
  const std::string good_hash = Load().hash;
  auto expect_kept = [&](const UpdateReport& r, const std::string& why) {
    ASSERT_EQ(r.sources.size(), 2u);
    EXPECT_EQ(r.sources[0].outcome, SourceOutcome::kFailed) << why;
    EXPECT_NE(r.sources[0].detail.find(why), std::string::npos) << r.sources[0].detail;
    EXPECT_NE(r.sources[0].detail.find("keeping the version retrieved"), std::string::npos);
    EXPECT_EQ(r.sources[1].outcome, SourceOutcome::kUnchanged);  // the other source still checks
    EXPECT_FALSE(r.switched);
    EXPECT_TRUE(r.AnyFailed());
    EXPECT_EQ(Current().sources[0].sha256, good.sources[0].sha256);
    EXPECT_EQ(Load().hash, good_hash);
    EXPECT_TRUE(fs::is_empty(dir_ + "/incoming"));  // no staging left behind
  };
  expect_kept(Update(Sources("/gone.csv")), "HTTP status 404");
  server_.Set("/slow/sdn.csv", Shared("ofac/sdn-2021-07/sdn.csv"));
  expect_kept(Update(Sources("/slow/sdn.csv")), "timeout");
  const std::string sdn = Shared("ofac/sdn-2021-07/sdn.csv");
  server_.Set("/half.csv", HalfTheLines(sdn));
  expect_kept(Update(Sources("/half.csv")), "list update refused");
  // A truncated XML file and a corrupt gzip do not load.
  server_.Set("/cut.xml", Shared("un/UN_consolidated.xml").substr(0, 1000000));
  const UpdateReport cut = Update(Sources("/sdn.csv", "/cut.xml"));
  EXPECT_EQ(cut.sources[1].outcome, SourceOutcome::kFailed);
  EXPECT_NE(cut.sources[1].detail.find("does not load"), std::string::npos)
      << cut.sources[1].detail;
  auto gz = ParseSources("csl\tcsl-csv\tconsolidated.csv.gz\t" + server_.Url("/bad.csv.gz") + "\n",
                         "test");
  ASSERT_TRUE(gz.ok());
  server_.Set("/bad.csv.gz", Shared("csl/csl-2022-04/consolidated.csv.gz").substr(0, 200000));
  const UpdateReport corrupt = Update(*gz);
  EXPECT_EQ(corrupt.sources[0].outcome, SourceOutcome::kFailed);
  EXPECT_NE(corrupt.sources[0].detail.find("does not load"), std::string::npos)
      << corrupt.sources[0].detail;
  EXPECT_NE(corrupt.sources[0].detail.find("no version of this source is active"),
            std::string::npos);
  // A corrupt zip (OFAC's ENHANCED_XML is published zipped) does not load either.
  auto zip = ParseSources(
      "ofac-enhanced\tofac-enhanced-xml\tCONS_ENHANCED.ZIP\t" + server_.Url("/bad.zip") + "\n",
      "test");
  ASSERT_TRUE(zip.ok());
  const std::string whole = Shared("ofac/nonsdn-enhanced-2025-01/CONS_ENHANCED.ZIP");
  server_.Set("/bad.zip", whole.substr(0, whole.size() / 2));
  const UpdateReport bad_zip = Update(*zip);
  EXPECT_EQ(bad_zip.sources[0].outcome, SourceOutcome::kFailed);
  EXPECT_NE(bad_zip.sources[0].detail.find("does not load"), std::string::npos)
      << bad_zip.sources[0].detail;
  EXPECT_EQ(Load().hash, good_hash);
}

TEST_F(UpdaterTest, ADamagedManifestIsReportedByNameAndNeverOverwritten) {
  ASSERT_TRUE(Update(Sources()).switched);
  const std::string current = dir_ + "/current.json";
  { std::ofstream(current, std::ios::trunc) << "{\"sources\": [{\"id\": \"x\"}"; }
  auto loaded = LoadSnapshot({ListSpec(dir_, "")});
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find(current), std::string::npos)
      << loaded.status().ToString();
  UpdateOptions o;
  o.dir = dir_;
  auto r = UpdateLists(Sources(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(current), std::string::npos) << r.status().ToString();
  EXPECT_EQ(testing_support::ReadWholeFile(current), "{\"sources\": [{\"id\": \"x\"}");
  // A manifest pointing outside its directory is refused too.
  {
    std::ofstream(current, std::ios::trunc)
        << R"({"sources": [{"id": "x", "format": "un-xml", "path": "../../etc/passwd"}]})";
  }
  auto escaped = LoadSnapshot({ListSpec(dir_, "")});
  ASSERT_FALSE(escaped.ok());
  EXPECT_NE(escaped.status().message().find("invalid path"), std::string::npos);
}

TEST_F(UpdaterTest, TheCommandReportsEachSourceAndExitsOneOnAFailure) {
  using testing_support::CommandRun;
  using testing_support::RunPartyscreen;
  const std::string sources_file = dir_ + ".sources.tsv";
  auto write_sources = [&](const std::string& path) {
    std::ofstream f(sources_file);
    f << "ofac-sdn\tofac-csv\tsdn.csv\t" << server_.Url(path) << "\n";
  };
  write_sources("/sdn.csv");
  const std::string update = "lists update --dir " + dir_ + " --sources " + sources_file;
  CommandRun r = RunPartyscreen(update, /*merge_stderr=*/false);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("ofac-sdn: updated, "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("switched to list version 1"), std::string::npos) << r.out;
  // The directory is a --list: the downloaded SDN loads, with no staleness warning.
  r = RunPartyscreen("lists --list " + dir_ + " --json", false);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("\"retrieved\""), std::string::npos) << r.out;
  r = RunPartyscreen("lists --list " + dir_);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.find("warning"), std::string::npos) << r.out;
  r = RunPartyscreen("lists");  // the bundled snapshot always warns
  EXPECT_NE(r.out.find("warning: screening against the bundled snapshot"), std::string::npos)
      << r.out;
  write_sources("/nothing.csv");
  r = RunPartyscreen(update, false);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("ofac-sdn: FAILED: download failed: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("still list version 1"), std::string::npos) << r.out;
  r = RunPartyscreen("lists update --dir " + dir_ + " --sources " + dir_ + ".missing.tsv", false);
  EXPECT_EQ(r.exit_code, 2);
  fs::remove(sources_file);
}

}  // namespace
}  // namespace partyscreen
