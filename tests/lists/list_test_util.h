// Helpers shared by the list parser tests: read a file's bytes, find an entity, alias or
// identifier.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/input.h"
#include "lists/parsers.h"
#include "support/files.h"

namespace partyscreen::testutil {

// The whole file as bytes ("" if it cannot be read; the parse then fails loudly).
inline std::string ReadBytes(const std::string& path) {
  return testing_support::ReadWholeFile(path);
}

// A file of the shared collection, by its path under shared/lists/.
inline std::string ReadSharedList(const std::string& rel) {
  return ReadBytes(std::string(PARTYSCREEN_SHARED_DIR) + "/lists/" + rel);
}

inline const Entity* FindId(const ParsedList& list, std::string_view id) {
  auto it = std::find_if(list.entities.begin(), list.entities.end(),
                         [&](const Entity& e) { return e.id == id; });
  return it == list.entities.end() ? nullptr : &*it;
}

inline const Alias* FindAlias(const Entity& e, std::string_view name) {
  auto it = std::find_if(e.aliases.begin(), e.aliases.end(),
                         [&](const Alias& a) { return a.name == name; });
  return it == e.aliases.end() ? nullptr : &*it;
}

inline const Identifier* FindIdentifier(const Entity& e, std::string_view type) {
  auto it = std::find_if(e.identifiers.begin(), e.identifiers.end(),
                         [&](const Identifier& i) { return i.type == type; });
  return it == e.identifiers.end() ? nullptr : &*it;
}

// A test suite that parses one real list file once and shares the result with its tests:
//   class UnList : public ParsedFileSuite<UnList> {
//    public:
//     static std::string Path() { return ".../UN_consolidated.xml"; }
//     static Result<ParsedList> Parse(std::string_view data, ParseLog& log) { return
//     ParseUnXml(data, log); }
//   };
// The file is read with ReadListFile (gzip handled); bytes_, log_ and list_ are the suite's.
template <typename Suite>
class ParsedFileSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto bytes = ReadListFile(Suite::Path());
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    bytes_ = new std::string(std::move(bytes).value());
    log_ = new ParseLog(Suite::Path());
    auto r = Suite::Parse(*bytes_, *log_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    list_ = new ParsedList(std::move(r).value());
  }
  static void TearDownTestSuite() {
    delete list_;
    delete log_;
    delete bytes_;
    list_ = nullptr;
    log_ = nullptr;
    bytes_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(list_, nullptr) << "parsing " << Suite::Path() << " failed"; }

  static inline std::string* bytes_ = nullptr;
  static inline ParseLog* log_ = nullptr;
  static inline ParsedList* list_ = nullptr;
};

}  // namespace partyscreen::testutil
