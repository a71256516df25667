// Helpers shared by the store tests: a temporary directory, a database in it, and small in-memory
// snapshots built from entities so the store can be tested without any list parser.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/sha256.h"
#include "parties/parties.h"
#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"
#include "partyscreen/store.h"

namespace partyscreen::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "partyscreen-store-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const {
    return (std::filesystem::path(path_) / name).string();
  }
  std::string Write(const std::string& name, const std::string& content) const {
    std::ofstream(File(name), std::ios::binary) << content;
    return File(name);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::unique_ptr<Database> OpenOrDie(const std::string& location) {
  auto db = Database::Open(location);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

inline Entity MakeEntity(std::string id, std::string name, std::vector<std::string> aliases = {},
                         std::vector<std::string> programs = {"SDGT"}) {
  Entity e;
  e.id = std::move(id);
  e.source = "ofac";
  e.list = "SDN";
  e.schema = Schema::kOrganization;
  e.name = std::move(name);
  for (std::string& a : aliases)
    e.aliases.push_back({std::move(a), AliasQuality::kStrong, "aka", ""});
  e.programs = std::move(programs);
  return e;
}

inline std::unique_ptr<Screener> BuildScreener(std::vector<Entity> entities) {
  auto snap = std::make_shared<Snapshot>();
  snap->entities = std::move(entities);
  std::string all;
  for (const Entity& e : snap->entities) all += EntityContentHash(e);
  snap->hash = Sha256Hex(all);
  snap->BuildIdIndex();
  auto s = Screener::Build(snap);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return std::move(s).value();
}

// Records `decision` on the party of its entity in the screener's lists (ReviewLog::Record).
inline Result<RecordedReview> Review(Database& db, const Screener& screener,
                                     const ReviewDecision& decision) {
  return ReviewLog(db).Record(decision, screener.snapshot(), Parties::Build(screener.snapshot()));
}

inline RescreenOptions Threads(size_t n) {
  RescreenOptions o;
  o.threads = n;
  return o;
}

// Every alert of the register as "customer|entity|score|state", sorted.
inline std::vector<std::string> AllAlerts(Database& db) {
  std::vector<std::string> out;
  CustomerRegister reg(db);
  std::string after;
  for (;;) {
    auto page = reg.List(after, 1000);
    EXPECT_TRUE(page.ok());
    if (!page.ok() || page->empty()) break;
    for (const CustomerRecord& r : *page) {
      auto full = reg.Get(r.customer.id);
      for (const Alert& a : (*full)->alerts)
        out.push_back(fmt::format("{}|{}|{}|{}", a.customer_id, a.entity_id, a.score,
                                  AlertStateName(a.state)));
    }
    after = page->back().customer.id;
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The elements of sorted `a` that are not in sorted `b` (to show only what differs).
inline std::vector<std::string> OnlyIn(const std::vector<std::string>& a,
                                       const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace partyscreen::testing
