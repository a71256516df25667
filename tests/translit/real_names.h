// Real names for the normalisation tests: the lists of tools/all_lists.sh (every loadable list in
// ../shared/lists) and the query names of ../shared/eval/dev.jsonl. Header-only test helper.
#pragma once

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "partyscreen/snapshot.h"

namespace partyscreen::testing {

// The --list arguments of tools/all_lists.sh.
inline std::vector<ListSpec> AllSharedLists() {
  const std::string command = std::string("bash '") + PARTYSCREEN_SOURCE_DIR +
                              "/tools/all_lists.sh' '" + PARTYSCREEN_SHARED_DIR + "/lists'";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string output;
  if (pipe) {
    char buf[4096];
    while (size_t n = fread(buf, 1, sizeof buf, pipe.get())) output.append(buf, n);
  }
  std::istringstream words(output);
  std::vector<ListSpec> specs;
  std::string word;
  while (words >> word)
    if (word != "--list") specs.push_back(ParseListSpec(word));
  return specs;
}

struct DevQuery {
  std::string id;
  std::string name;
  std::string schema;        // "Person", "Organization"... as in the file
  bool expects_hit = false;  // "expect" is non-empty
};

// Every query of dev.jsonl; empty if the file cannot be read.
inline std::vector<DevQuery> DevQueries() {
  std::ifstream dev(std::string(PARTYSCREEN_SHARED_DIR) + "/eval/dev.jsonl");
  std::vector<DevQuery> queries;
  std::string line;
  while (std::getline(dev, line)) {
    const auto query = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!query.is_object()) continue;
    const auto expect = query.value("expect", nlohmann::json::array());
    queries.push_back({query.value("id", "?"), query.value("name", ""), query.value("schema", ""),
                       expect.is_array() && !expect.empty()});
  }
  return queries;
}

}  // namespace partyscreen::testing
