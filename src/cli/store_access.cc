#include "cli/store_access.h"

#include <filesystem>

#include "cli/common.h"
#include "core/strings.h"
#include "lists/staleness.h"

namespace partyscreen::cli {

namespace {

bool LooksLikeHash(const std::string& s) {
  return s.size() >= 6 && s.size() <= 64 &&
         s.find_first_not_of("0123456789abcdef") == std::string::npos &&
         !std::filesystem::exists(s);
}

}  // namespace

std::unique_ptr<Database> OpenDbOrReport(const std::string& location, std::ostream& err,
                                         DbAccess access) {
  auto db = Database::Open(location, access);
  if (!db.ok()) {
    PrintError(err, db.status().ToString());
    return nullptr;
  }
  return std::move(db).value();
}

std::optional<EntitySet> ResolveEntitySet(const std::string& spec, const std::string& db_location,
                                          std::ostream& err) {
  if (LooksLikeHash(spec)) {
    auto db = OpenDbOrReport(db_location, err, DbAccess::kReadOnly);
    if (!db) return std::nullopt;
    auto set = SnapshotArchive(*db).Load(spec);
    if (!set.ok()) {
      PrintError(err, set.status().ToString());
      return std::nullopt;
    }
    if (!set->has_value()) {
      PrintError(err, "no snapshot " + spec + " in " + db_location +
                          " (snapshots are stored when used for a rescreen)");
      return std::nullopt;
    }
    return std::move(**set);
  }
  auto snap = LoadListsOrReport(Split(spec, ","), kDefaultMaxListAgeDays, err);
  if (!snap) return std::nullopt;
  // Files already used for a re-screen are in the database's snapshot archive: read from there
  // (cheaper than serialising every entity again, and exactly what was screened against).
  if (std::filesystem::exists(db_location)) {
    if (auto db = Database::Open(db_location, DbAccess::kReadOnly); db.ok()) {
      if (auto set = SnapshotArchive(**db).Load(snap->hash); set.ok() && set->has_value())
        return std::move(**set);
    }
  }
  return EntitySetOf(*snap);
}

}  // namespace partyscreen::cli
