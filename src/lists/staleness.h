// How old the loaded lists are, and the warning a user must see when they are old.
//
// A list's age is the time since it was downloaded (SourceInfo::retrieved, set for the lists of a
// `lists update` directory), else since its publication date (SourceInfo::published; the bundled
// snapshot's OFAC dates come from its manifest, DefaultListSpecs). A source is stale when it is
// older than `max_age_days` or its date is unknown. The bundled snapshot is always worth a warning:
// it is a fixed copy of old lists, there to make the tool work offline, not to screen against.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "partyscreen/snapshot.h"

namespace partyscreen {

inline constexpr double kDefaultMaxListAgeDays = 2;

struct ListAge {
  std::string source;     // SourceInfo::source ("ofac", "csl"...)
  std::string format;     // SourceInfo::format
  std::string published;  // ISO date, "" when unknown
  std::string retrieved;  // when the copy was downloaded (`lists update`), "" for a file by hand
  double age_days = -1;   // -1 when the date is unknown
  bool stale = false;     // older than the limit, or of unknown date
};

// One entry per source of the snapshot; `now_unix_seconds` is the current time.
std::vector<ListAge> ListAges(const Snapshot& snapshot, double max_age_days,
                              double now_unix_seconds);

// "" when there is nothing to say; else one sentence naming each stale source with its date and
// age, and what to do ("bundled snapshot" when `bundled`).
std::string StalenessWarning(const std::vector<ListAge>& ages, bool bundled, double max_age_days);

}  // namespace partyscreen
