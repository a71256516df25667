// serve's config file and environment (src/cli/config_file.h): the command line wins over the
// environment, the environment over the file; typos and bad values are refused naming the file.
#include "cli/config_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace partyscreen::cli {
namespace {

struct Serve {
  CLI::App app;
  CLI::App* cmd = app.add_subcommand("serve");
  std::string listen = "127.0.0.1:8080";
  size_t max_body = 1 << 20;
  bool no_auth = false;
  std::vector<std::string> lists;
  Serve() {
    cmd->add_option("--listen", listen);
    cmd->add_option("--max-body", max_body);
    cmd->add_flag("--no-auth", no_auth);
    cmd->add_option("--list,-l", lists);
    AddEnvironmentNames(*cmd, {});
  }
  void Parse(std::vector<std::string> args) {
    args.insert(args.begin(), "serve");
    std::reverse(args.begin(), args.end());
    app.parse(args);
  }
};

std::string WriteConfig(const std::string& text) {
  const std::string path =
      (std::filesystem::temp_directory_path() /
       ("partyscreen_config_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
        "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".ini"))
          .string();
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigFileTest, FileSetsWhatNeitherTheCommandLineNorTheEnvironmentSet) {
  const std::string path = WriteConfig(
      "# a comment\nlisten = \"0.0.0.0:9000\"\nmax-body = 4096\nno-auth = true\n"
      "list = [\"ofac-csv:a\", \"un-xml:b\"]\n");
  ::setenv("PARTYSCREEN_MAX_BODY", "64", 1);
  Serve s;
  s.Parse({"--listen", "127.0.0.1:1"});
  ::unsetenv("PARTYSCREEN_MAX_BODY");
  ASSERT_TRUE(ApplyConfigFile(*s.cmd, path).ok());
  EXPECT_EQ(s.listen, "127.0.0.1:1");  // command line
  EXPECT_EQ(s.max_body, 64u);          // environment
  EXPECT_TRUE(s.no_auth);              // file
  EXPECT_EQ(s.lists, (std::vector<std::string>{"ofac-csv:a", "un-xml:b"}));
  std::filesystem::remove(path);
}

TEST(ConfigFileTest, ASectionNamedAfterTheCommandIsRead) {
  const std::string path = WriteConfig("[serve]\nlisten = \"0.0.0.0:9001\"\n");
  Serve s;
  s.Parse({});
  ASSERT_TRUE(ApplyConfigFile(*s.cmd, path).ok());
  EXPECT_EQ(s.listen, "0.0.0.0:9001");
  std::filesystem::remove(path);
}

TEST(ConfigFileTest, UnknownOptionsSectionsAndBadValuesAreRefusedNamingTheFile) {
  Serve s;
  s.Parse({});
  const std::string typo = WriteConfig("lisen = \"0.0.0.0:9000\"\n");
  Status st = ApplyConfigFile(*s.cmd, typo);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find(typo), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("lisen"), std::string::npos) << st.ToString();
  const std::string section = WriteConfig("[batch]\nthreads = 2\n");
  st = ApplyConfigFile(*s.cmd, section);
  EXPECT_NE(st.message().find("[batch]"), std::string::npos) << st.ToString();
  const std::string bad = WriteConfig("max-body = lots\n");
  st = ApplyConfigFile(*s.cmd, bad);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("max-body"), std::string::npos) << st.ToString();
  EXPECT_EQ(ApplyConfigFile(*s.cmd, "/nonexistent/serve.ini").code(), Status::Code::kIoError);
  for (const std::string& p : {typo, section, bad}) std::filesystem::remove(p);
}

TEST(ConfigFileTest, EveryLongOptionGetsItsEnvironmentName) {
  Serve s;
  EXPECT_EQ(s.cmd->get_option("--max-body")->get_envname(), "PARTYSCREEN_MAX_BODY");
  EXPECT_EQ(s.cmd->get_option("--no-auth")->get_envname(), "PARTYSCREEN_NO_AUTH");
  CLI::App other;
  std::string keys;
  other.add_option("--api-keys", keys);
  AddEnvironmentNames(other, {"api-keys"});
  EXPECT_EQ(other.get_option("--api-keys")->get_envname(), "");
}

}  // namespace
}  // namespace partyscreen::cli
