// What the store commands share: opening the database of --db and resolving a list version given
// as a stored snapshot hash or as list specs. Errors are printed to `err` ("partyscreen: ...").
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "partyscreen/store.h"

namespace partyscreen::cli {

// The database at `location` (a SQLite file, created on first use when read-write, or a
// PostgreSQL URL); nullptr (error printed) on failure. Commands that only read use kReadOnly, so a
// read-only file or role is enough.
std::unique_ptr<Database> OpenDbOrReport(const std::string& location, std::ostream& err,
                                         DbAccess access = DbAccess::kReadWrite);

// OLD/NEW of `diff` and `rescreen --since-snapshot`: a snapshot hash (or prefix) stored in the
// database at `db_location`, or list specs (comma-separated) loaded now. nullopt (error printed)
// on failure.
std::optional<EntitySet> ResolveEntitySet(const std::string& spec, const std::string& db_location,
                                          std::ostream& err);

}  // namespace partyscreen::cli
