// Helpers of the in-process command tests (cmd_*_test.cc): run a command's Run* with its Args and
// capture the exit code and what it printed to `out` and `err`; a temporary directory; the tiny
// list data/examples/custom_list.csv (four fictional listings: Marek Dvorsky, Elena Voronova,
// Northgate Logistics Holdings, the vessel Sea Lantern), which loads in milliseconds.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <string>

namespace partyscreen::cli::testing {

// The --list spec of the tiny example list.
inline std::string ExampleList() {
  return std::string("custom-csv:") + PARTYSCREEN_SOURCE_DIR + "/data/examples/custom_list.csv";
}

// A customer register (CSV) for the example list: c1 and c2 match two of its listings
// (custom:VR-0001, custom:VR-0003), c3 none.
inline std::string ThreeCustomersCsv() {
  return "id,name,schema,country\n"
         "c1,Marek Dvorsky,Person,CZ\n"
         "c2,Northgate Logistics Holdings,Organization,CY\n"
         "c3,Jane Roe,Person,GB\n";
}

// A --list spec that cannot be loaded: a command that reports an error without it failing has
// not loaded its lists.
inline std::string MissingList() { return "custom-csv:/nonexistent/partyscreen/list.csv"; }

struct Ran {
  int code = -1;
  std::string out, err;
};

// Runs `run(args, out, err)` (a Run* function) and captures both streams.
template <typename Args, typename RunFn>
Ran RunCommand(RunFn run, const Args& args) {
  std::ostringstream out, err;
  Ran r;
  r.code = run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "partyscreen-cli-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const std::string& name) const {
    return (std::filesystem::path(path_) / name).string();
  }
  std::string Write(const std::string& name, const std::string& content) const {
    std::ofstream(File(name), std::ios::binary) << content;
    return File(name);
  }

 private:
  std::string path_;
};

// The string values of `field` in JSON lines `text` (one object per line).
inline std::set<std::string> FieldOfJsonLines(const std::string& text, const std::string& field) {
  std::istringstream lines(text);
  std::string line;
  std::set<std::string> out;
  while (std::getline(lines, line)) out.insert(nlohmann::json::parse(line)[field]);
  return out;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

}  // namespace partyscreen::cli::testing
