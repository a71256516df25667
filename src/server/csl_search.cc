#include "server/csl_search.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/strings.h"
#include "records/query_record.h"
#include "server/csl_record.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 4> kTypes{"Individual", "Entity", "Vessel", "Aircraft"};

std::vector<std::string> CommaList(std::string_view value, bool upper) {
  std::vector<std::string> out;
  for (const std::string& part : Split(value, ",")) {
    const std::string_view t = Trim(part);
    if (!t.empty()) out.push_back(upper ? AsciiUpper(t) : std::string(t));
  }
  return out;
}

Result<size_t> Count(std::string_view field, std::string_view value) {
  size_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size())
    return Status::InvalidArgument(std::string(field) + ": must be a non-negative integer");
  return n;
}

bool IsIsoPrefix(std::string_view d) {
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  for (size_t i = 0; i < d.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? d[i] != '-' : (d[i] < '0' || d[i] > '9')) return false;
  }
  return true;
}

// "2019-01-01 TO 2019-12-31", "2019 TO *", "TO 2020-06", "2019-05-01" (that day or month or year).
Result<DateRange> ParseRange(std::string_view field, std::string_view value) {
  const std::string upper = AsciiUpper(value);
  const size_t to = upper.find("TO");
  DateRange r;
  if (to == std::string::npos) {
    r.from = r.to = std::string(Trim(value));
  } else {
    r.from = std::string(Trim(value.substr(0, to)));
    r.to = std::string(Trim(value.substr(to + 2)));
  }
  for (std::string* side : {&r.from, &r.to}) {
    if (*side == "*") side->clear();
    if (!side->empty() && !IsIsoPrefix(*side))
      return Status::InvalidArgument(std::string(field) +
                                     ": expected YYYY-MM-DD TO YYYY-MM-DD (either side may be *)");
  }
  return r;
}

// Within the range when the date, compared on the range bound's precision, lies inside it.
bool InRange(std::string_view date, const DateRange& r) {
  if (date.empty()) return false;
  if (!r.from.empty() && date.substr(0, r.from.size()) < r.from) return false;
  if (!r.to.empty() && date.substr(0, r.to.size()) > r.to) return false;
  return true;
}

// Every word of `words` (already lower-case) occurs inside `text`, case-insensitively.
bool HasAllWords(std::string_view text, const std::vector<std::string>& words) {
  const std::string lower = AsciiLower(text);
  for (const std::string& w : words)
    if (lower.find(w) == std::string::npos) return false;
  return true;
}

std::vector<std::string> Words(std::string_view text) { return Split(AsciiLower(text), " "); }

bool NameMatches(const Entity& e, const std::vector<std::string>& words) {
  for (std::string_view n : e.AllNames())
    if (HasAllWords(n, words)) return true;
  return false;
}

bool AnyAddress(const Entity& e, const std::string& query, bool city_only) {
  if (query.empty()) return true;
  const std::vector<std::string> words = Words(query);
  for (const Address& a : e.addresses)
    if (HasAllWords(city_only ? a.city + " " + a.full : a.full, words)) return true;
  return false;
}

bool Contains(const std::vector<std::string>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool CountryMatches(const Entity& e, const std::vector<std::string>& countries) {
  if (countries.empty()) return true;
  for (const Address& a : e.addresses)
    if (Contains(countries, AsciiUpper(a.country))) return true;
  for (const std::string& c : e.countries)
    if (Contains(countries, AsciiUpper(c))) return true;
  return false;
}

bool IdDateMatches(const Entity& e, const std::optional<DateRange>& r, const char* field) {
  if (!r) return true;
  for (const json& id : CslIdsOf(e))
    if (id[field].is_string() && InRange(id[field].get<std::string>(), *r)) return true;
  return false;
}

// Every filter but the name.
bool Passes(const Entity& e, const std::string& code, const CslSearch& s) {
  if (!s.sources.empty() && !Contains(s.sources, code)) return false;
  if (!s.types.empty() && !Contains(s.types, CslTypeOf(e))) return false;
  if (!CountryMatches(e, s.countries)) return false;
  if (!AnyAddress(e, s.address, false) || !AnyAddress(e, s.full_address, false) ||
      !AnyAddress(e, s.city, true) || !AnyAddress(e, s.state, false) ||
      !AnyAddress(e, s.postal_code, false))
    return false;
  if (s.start_date && !InRange(e.start_date, *s.start_date)) return false;
  if (s.end_date && !InRange(e.end_date, *s.end_date)) return false;
  return IdDateMatches(e, s.issue_date, "issue_date") &&
         IdDateMatches(e, s.expiration_date, "expiration_date");
}

std::string IsoTime(double unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The publication date of the file `source` (entity id prefix) was read from.
std::string PublishedOf(const Snapshot& snapshot, std::string_view source) {
  for (const SourceInfo& s : snapshot.sources)
    if (s.source == source) return s.published.empty() ? s.retrieved : s.published;
  return {};
}

struct Loaded {
  size_t records = 0;
  std::string example_source;  // an entity source ("csl", "ofac") holding the code
  std::string list_name;       // the list name as the CSL file gives it, if any
  std::string list_url;
};

// Every CSL code with loaded entities, in code order.
std::map<std::string, Loaded> LoadedCodes(const Snapshot& snapshot) {
  std::map<std::string, Loaded> out;
  for (const Entity& e : snapshot.entities) {
    const std::string code = CslCodeOf(e);
    if (code.empty()) continue;
    Loaded& l = out[code];
    if (l.records++ == 0) {
      l.example_source = e.source;
      l.list_name = e.source == "csl" ? e.list : CslSourceName(code);
      l.list_url = e.source_url;
    }
  }
  return out;
}

json SourcesUsed(const Engine& engine, const CslSearch& s) {
  json used = json::array();
  for (const auto& [code, l] : LoadedCodes(engine.snapshot())) {
    if (!s.sources.empty() && !Contains(s.sources, code)) continue;
    const std::string published = PublishedOf(engine.snapshot(), l.example_source);
    used.push_back({{"source", l.list_name},
                    {"source_last_updated", published.empty() ? json(nullptr) : json(published)},
                    {"last_imported", IsoTime(engine.loaded_unix_seconds)}});
  }
  return used;
}

struct Match {
  uint32_t index;
  double score;  // fuzzy only
};

std::vector<Match> FuzzyMatches(const Engine& engine, const CslSearch& s) {
  Query q;
  q.name = s.name;
  ScreenOptions o;
  o.explain = false;
  o.limit = engine.snapshot().entities.size();
  std::vector<Match> out;
  for (const Hit& h : engine.screener->Screen(q, o)) {
    const std::string code = CslCodeOf(*h.entity);
    if (!code.empty() && Passes(*h.entity, code, s)) out.push_back({h.entity_index, h.score});
  }
  return out;  // best first, as Screen returns them
}

std::vector<Match> PlainMatches(const Snapshot& snapshot, const CslSearch& s) {
  const std::vector<std::string> words = Words(s.name);
  std::vector<Match> out;
  for (uint32_t i = 0; i < snapshot.entities.size(); ++i) {
    const Entity& e = snapshot.entities[i];
    const std::string code = CslCodeOf(e);
    if (code.empty() || !Passes(e, code, s)) continue;
    if (!words.empty() && !NameMatches(e, words)) continue;
    out.push_back({i, 0});
  }
  return out;
}

}  // namespace

Result<CslSearch> ParseCslSearch(const httplib::Params& params, size_t max_name_chars) {
  static const std::set<std::string, std::less<>> kKnown{
      "name",       "fuzzy_name",      "sources",     "types",        "countries",  "address",
      "city",       "state",           "postal_code", "full_address", "start_date", "end_date",
      "issue_date", "expiration_date", "size",        "offset"};
  CslSearch s;
  for (const auto& [key, value] : params) {
    if (kKnown.count(key) == 0) return Status::InvalidArgument("unknown parameter '" + key + "'");
    if (params.count(key) > 1) return Status::InvalidArgument(key + ": given more than once");
    if (key == "name") {
      s.name = std::string(Trim(value));
      if (Status st = ValidateName(s.name, "name", max_name_chars); !s.name.empty() && !st.ok())
        return st;
    } else if (key == "fuzzy_name") {
      if (value != "true" && value != "false")
        return Status::InvalidArgument("fuzzy_name: must be true or false");
      s.fuzzy_name = value == "true";
    } else if (key == "sources") {
      s.sources = CommaList(value, true);
    } else if (key == "types") {
      for (const std::string& t : CommaList(value, false)) {
        const auto known = std::find_if(kTypes.begin(), kTypes.end(),
                                        [&](std::string_view k) { return IEquals(k, t); });
        if (known == kTypes.end())
          return Status::InvalidArgument("types: '" + t +
                                         "' is not one of Individual, Entity, Vessel, Aircraft");
        s.types.emplace_back(*known);
      }
    } else if (key == "countries") {
      s.countries = CommaList(value, true);
      for (const std::string& c : s.countries)
        if (c.size() != 2) return Status::InvalidArgument("countries: '" + c + "' is not ISO2");
    } else if (key == "address" || key == "city" || key == "state" || key == "postal_code" ||
               key == "full_address") {
      std::string& field = key == "address"       ? s.address
                           : key == "city"        ? s.city
                           : key == "state"       ? s.state
                           : key == "postal_code" ? s.postal_code
                                                  : s.full_address;
      field = CollapseSpaces(value);
    } else if (key == "size" || key == "offset") {
      Result<size_t> n = Count(key, value);
      if (!n.ok()) return n.status();
      (key == "size" ? s.size : s.offset) = *n;
    } else {
      Result<DateRange> r = ParseRange(key, value);
      if (!r.ok()) return r.status();
      (key == "start_date"   ? s.start_date
       : key == "end_date"   ? s.end_date
       : key == "issue_date" ? s.issue_date
                             : s.expiration_date) = *r;
    }
  }
  if (s.fuzzy_name && s.name.empty()) return Status::InvalidArgument("fuzzy_name: needs a name");
  s.size = std::min(s.size, kCslMaxSize);
  return s;
}

json RunCslSearch(const Engine& engine, const CslSearch& s) {
  const std::vector<Match> matches =
      s.fuzzy_name ? FuzzyMatches(engine, s) : PlainMatches(engine.snapshot(), s);
  json results = json::array();
  for (size_t i = s.offset; i < matches.size() && i < s.offset + s.size; ++i) {
    json r = CslResultJson(engine.snapshot().entities[matches[i].index]);
    if (s.fuzzy_name) r["score"] = std::round(matches[i].score * 1000) / 10;
    results.push_back(std::move(r));
  }
  return {{"total", matches.size()},
          {"sources_used", SourcesUsed(engine, s)},
          {"search_performed_at", IsoTime(UnixSeconds())},
          {"results", std::move(results)}};
}

json CslSources(const Engine& engine) {
  json sources = json::array();
  for (const auto& [code, l] : LoadedCodes(engine.snapshot())) {
    const std::string published = PublishedOf(engine.snapshot(), l.example_source);
    const std::string info = CslInformationUrl(code);
    sources.push_back({{"code", code},
                       {"source", l.list_name},
                       {"records", l.records},
                       {"source_list_url", l.list_url.empty() ? json(nullptr) : json(l.list_url)},
                       {"source_information_url", info.empty() ? json(nullptr) : json(info)},
                       {"source_last_updated", published.empty() ? json(nullptr) : json(published)},
                       {"last_imported", IsoTime(engine.loaded_unix_seconds)}});
  }
  return json::object({{"sources", std::move(sources)}});
}

}  // namespace partyscreen::server
