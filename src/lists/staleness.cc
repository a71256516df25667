#include "lists/staleness.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace partyscreen {

namespace {

// Seconds since the epoch of an ISO date's midnight UTC ("2024-07-02", "2024-07" = the 1st,
// "2024" = 1 January), or of an ISO UTC time ("2026-11-30T16:20:05Z"); NaN when the text is not
// such a date.
double IsoDateUnixSeconds(const std::string& iso) {
  int y = 0, m = 1, d = 1, hh = 0, mm = 0, ss = 0;
  if (iso.size() < 4 ||
      std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &m, &d, &hh, &mm, &ss) < 1)
    return NAN;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 ||
      ss < 0 || ss > 60)
    return NAN;
  std::tm t{};
  t.tm_year = y - 1900;
  t.tm_mon = m - 1;
  t.tm_mday = d;
  t.tm_hour = hh;
  t.tm_min = mm;
  t.tm_sec = ss;
  return static_cast<double>(timegm(&t));
}

}  // namespace

std::vector<ListAge> ListAges(const Snapshot& snapshot, double max_age_days,
                              double now_unix_seconds) {
  std::vector<ListAge> out;
  for (const SourceInfo& s : snapshot.sources) {
    ListAge a;
    a.source = s.source;
    a.format = s.format;
    a.published = s.published;
    a.retrieved = s.retrieved;
    // A downloaded copy is as current as its download (a list's own date only says when it last
    // changed); a file given by hand is as old as its publication date.
    const double at = IsoDateUnixSeconds(s.retrieved.empty() ? s.published : s.retrieved);
    if (!std::isnan(at)) a.age_days = std::max(0.0, (now_unix_seconds - at) / 86400.0);
    a.stale = a.age_days < 0 || a.age_days > max_age_days;
    out.push_back(std::move(a));
  }
  return out;
}

std::string StalenessWarning(const std::vector<ListAge>& ages, bool bundled, double max_age_days) {
  std::string stale;
  for (const ListAge& a : ages) {
    if (!a.stale) continue;
    if (!stale.empty()) stale += ", ";
    const std::string days = std::to_string(static_cast<long long>(a.age_days));
    if (!a.retrieved.empty())
      stale += a.format + " downloaded " + a.retrieved + " (" + days + " days ago)";
    else if (a.published.empty())
      stale += a.format + " (date unknown)";
    else
      stale += a.format + " of " + a.published + " (" + days + " days old)";
  }
  if (stale.empty() && !bundled) return "";
  std::string out = bundled ? "screening against the bundled snapshot, a fixed copy of old lists "
                              "(data/default/PROVENANCE.md)"
                            : "lists older than " +
                                  std::to_string(static_cast<long long>(max_age_days)) + " days";
  if (!stale.empty()) out += ": " + stale;
  return out + "; load current lists (`partyscreen lists update`) for real screening";
}

}  // namespace partyscreen
