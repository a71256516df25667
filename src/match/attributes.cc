#include "match/attributes.h"

#include <algorithm>
#include <cstdlib>

#include "core/strings.h"
#include "match/name_score.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

int YearOf(std::string_view date) {
  date = Trim(date);
  // ISO dates start with the year; other forms ("03 Nov 1955") end with it. Take the first run of
  // exactly four digits.
  for (size_t i = 0; i + 4 <= date.size(); ++i) {
    bool four = true;
    for (size_t k = 0; k < 4; ++k) four = four && date[i + k] >= '0' && date[i + k] <= '9';
    const bool bounded = (i == 0 || !(date[i - 1] >= '0' && date[i - 1] <= '9')) &&
                         (i + 4 == date.size() || !(date[i + 4] >= '0' && date[i + 4] <= '9'));
    if (four && bounded) return std::atoi(std::string(date.substr(i, 4)).c_str());
  }
  return 0;
}

std::string CountryKey(std::string_view text) {
  const std::string code = CountryCode(text);
  return code.empty() ? AsciiUpper(Trim(text)) : code;
}

void AddUnique(std::vector<std::string>* v, std::string s) {
  if (!s.empty() && std::find(v->begin(), v->end(), s) == v->end()) v->push_back(std::move(s));
}

}  // namespace

std::string NormalizeIdentifier(std::string_view value) {
  std::string out;
  for (char c : value) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out += c;
    if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

EntityFacts ExtractFacts(const Entity& e) {
  EntityFacts f;
  for (const std::string& d : e.birth_dates)
    if (int y = YearOf(d); y > 0) f.birth_years.push_back(y);
  for (const std::string& c : e.countries) AddUnique(&f.countries, CountryKey(c));
  for (const std::string& c : e.nationalities) AddUnique(&f.countries, CountryKey(c));
  for (const Address& a : e.addresses) AddUnique(&f.countries, CountryKey(a.country));
  for (const Identifier& id : e.identifiers) {
    std::string v = NormalizeIdentifier(id.value);
    if (v.size() >= 5) AddUnique(&f.identifiers, std::move(v));
  }
  return f;
}

QueryFacts ExtractFacts(const Query& q) {
  QueryFacts f;
  f.schema = q.schema;
  f.birth_year = YearOf(q.birth_date);
  // A country the query gives but no one recognises ("Narnia", a typo) says nothing: it is not
  // compared, rather than counted as a disagreement with every listing.
  if (!Trim(q.country).empty()) f.country = CountryCode(q.country);
  for (const Identifier& id : q.identifiers) {
    std::string v = NormalizeIdentifier(id.value);
    if (v.size() >= 5) AddUnique(&f.identifiers, std::move(v));
  }
  if (!f.identifiers.empty()) {
    f.max_bonus = 1.0;
  } else {
    f.max_bonus = (f.birth_year ? kBirthYearAgrees : 0) + (f.country.empty() ? 0 : kCountryAgrees);
  }
  return f;
}

double AdjustScore(double name_score, const QueryFacts& q, const EntityFacts& e,
                   Schema entity_schema, std::vector<std::string>* notes) {
  double s = name_score;
  // The note is only put into words when someone reads it (the bound calls this per candidate).
  auto note = [&](auto&& make_text) {
    if (notes) notes->push_back(make_text());
  };
  if (q.schema != Schema::kUnknown && entity_schema != Schema::kUnknown &&
      q.schema != entity_schema) {
    auto asset = [](Schema x) { return x == Schema::kVessel || x == Schema::kAircraft; };
    s += asset(q.schema) && asset(entity_schema) ? kAssetKindMismatch : kPartyKindMismatch;
    note([&] {
      return "schema " + std::string(SchemaName(q.schema)) + " vs listed " +
             std::string(SchemaName(entity_schema)) + " disagrees";
    });
  }
  if (q.birth_year && !e.birth_years.empty()) {
    int best = 10000;
    for (int y : e.birth_years) best = std::min(best, std::abs(y - q.birth_year));
    if (best == 0) {
      s += kBirthYearAgrees;
      note([&] { return "birth year " + std::to_string(q.birth_year) + " agrees"; });
    } else if (best == 1) {
      note([&] {
        return "birth year " + std::to_string(q.birth_year) + " is one year from the listed one";
      });
    } else {
      s += kBirthYearDisagrees;
      note([&] {
        return "birth year " + std::to_string(q.birth_year) + " disagrees (listed " +
               std::to_string(e.birth_years.front()) + ")";
      });
    }
  }
  if (!q.country.empty() && !e.countries.empty()) {
    if (std::find(e.countries.begin(), e.countries.end(), q.country) != e.countries.end()) {
      s += kCountryAgrees;
      note([&] { return "country " + q.country + " agrees"; });
    } else {
      s += kCountryDisagrees;
      note([&] {
        return "country " + q.country + " not among the listed " + Join(e.countries, ", ");
      });
    }
  }
  for (const std::string& id : q.identifiers) {
    if (std::find(e.identifiers.begin(), e.identifiers.end(), id) != e.identifiers.end()) {
      s = std::max(s, kIdentifierFloor);
      note([&] { return "identifier " + id + " agrees"; });
      break;
    }
  }
  return OnScoreGrid(std::clamp(s, 0.0, 1.0));
}

}  // namespace partyscreen
