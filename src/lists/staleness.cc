#include "lists/staleness.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace partyscreen {

namespace {

// Seconds since the epoch of an ISO date's midnight UTC ("2024-07-02", "2024-07" = the 1st,
// "2024" = 1 January); NaN when the text is not such a date.
double IsoDateUnixSeconds(const std::string& iso) {
  int y = 0, m = 1, d = 1;
  if (iso.size() < 4 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) < 1) return NAN;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return NAN;
  std::tm t{};
  t.tm_year = y - 1900;
  t.tm_mon = m - 1;
  t.tm_mday = d;
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
    const double at = IsoDateUnixSeconds(s.published);
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
    stale +=
        a.format + (a.published.empty()
                        ? " (date unknown)"
                        : " of " + a.published + " (" +
                              std::to_string(static_cast<long long>(a.age_days)) + " days old)");
  }
  if (stale.empty() && !bundled) return "";
  std::string out = bundled ? "screening against the bundled snapshot, a fixed copy of old lists "
                              "(data/default/PROVENANCE.md)"
                            : "lists older than " +
                                  std::to_string(static_cast<long long>(max_age_days)) + " days";
  if (!stale.empty()) out += ": " + stale;
  return out + "; load current lists with --list for real screening";
}

}  // namespace partyscreen
