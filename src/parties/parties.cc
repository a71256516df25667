#include "parties/parties.h"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/strings.h"
#include "lists/republished.h"
#include "normalize/name_normalizer.h"

namespace partyscreen {

namespace {

int SourceRank(std::string_view source) {
  static constexpr std::string_view kOrder[] = {"ofac", "ofac-cons", "un", "eu", "uk", "csl"};
  for (size_t i = 0; i < std::size(kOrder); ++i)
    if (source == kOrder[i]) return static_cast<int>(i);
  return static_cast<int>(std::size(kOrder));
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "OFAC entry <number>" for an OFAC entry and for a CSL row republishing one; "" otherwise.
std::string OfacRecordKey(const Entity& e) {
  const std::string number = OfacEntryNumber(e);
  return number.empty() ? "" : "OFAC entry " + number;
}

// A UN Security Council reference number as the UN writes it: two letters, i (individual) or e
// (entity), a dot, three digits ("TAi.002", "KPe.064").
bool IsUnReference(std::string_view s) {
  return s.size() == 7 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::isupper(static_cast<unsigned char>(s[1])) && (s[2] == 'i' || s[2] == 'e') &&
         s[3] == '.' && AllDigits(s.substr(4));
}

// "UN reference TAi.002" for a UN list entry (its reference number is among its programmes) and
// for a listing of another list that cites it (identifier "UN Reference Number": the UK lists
// republish the UN's designations); "" otherwise.
std::string UnReferenceKey(const Entity& e) {
  if (e.source == "un") {
    for (const std::string& p : e.programs)
      if (IsUnReference(p)) return "UN reference " + p;
    return "";
  }
  for (const Identifier& id : e.identifiers)
    if (id.type == "UN Reference Number" && IsUnReference(id.value))
      return "UN reference " + id.value;
  return "";
}

// The class of a strong identifier ("imo", "swift", ...), or "" for a weak or unknown type.
std::string IdentifierClass(const Identifier& id) {
  const std::string t = AsciiLower(id.type);
  auto has = [&](std::string_view w) { return t.find(w) != std::string::npos; };
  if (has("imo") || StartsWith(AsciiLower(id.value), "imo")) return "imo";
  if (has("swift") || has("bic")) return "swift";
  if (t == "lei" || has("legal entity identifier")) return "lei";
  if (has("passport")) return "passport";
  if (has("national id") || has("national identification") || has("personal id"))
    return "national id";
  if (has("registration") || has("unified social credit") || has("uscc") || has("ogrn") ||
      has("company number"))
    return "registration";
  if (has("tax") || t == "inn" || has("vat")) return "tax";
  return "";
}

std::string IdentifierKey(const Identifier& id) {
  const std::string kind = IdentifierClass(id);
  if (kind.empty()) return "";
  std::string value;
  for (char c : id.value)
    if (std::isalnum(static_cast<unsigned char>(c)))
      value += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (kind == "imo" && StartsWith(value, "IMO")) value.erase(0, 3);
  if (value.size() < 6) return "";
  // A passport or national id number is one country's: the issuing country is part of it.
  if (kind == "passport" || kind == "national id")
    return kind + " " + value + (id.country.empty() ? "" : " (" + id.country + ")");
  return kind + " " + value;
}

// The name's words, sorted (the order lists write a name in varies: "CHEN, Quanguo").
std::string NameKey(std::string_view name, Schema schema) {
  std::vector<std::string> tokens = NormalizeName(name, schema).tokens;
  if (tokens.size() < 2) return "";  // one word names no one well enough
  std::sort(tokens.begin(), tokens.end());
  return Join(tokens, " ");
}

bool ShareAny(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a)
    if (!x.empty() && std::find(b.begin(), b.end(), x) != b.end()) return true;
  return false;
}

std::vector<std::string> CountriesOf(const Entity& e) {
  std::vector<std::string> out = e.countries;
  for (const Address& a : e.addresses)
    if (!a.country.empty()) out.push_back(a.country);
  return out;
}

// Union-find over entity indexes; each group remembers its lists and the reasons of its merges.
class Groups {
 public:
  explicit Groups(const Snapshot& s) : snapshot_(s), parent_(s.entities.size()) {
    std::iota(parent_.begin(), parent_.end(), 0u);
    lists_.resize(s.entities.size());
    reasons_.resize(s.entities.size());
    for (uint32_t i = 0; i < parent_.size(); ++i)
      lists_[i].insert(s.entities[i].source + "|" + s.entities[i].list);
  }

  uint32_t Root(uint32_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }

  // Merges the groups of a and b unless one list keeps them apart (`same_record`: they are one
  // entry published twice, which no list keeps apart); true when they are one group.
  bool Merge(uint32_t a, uint32_t b, const std::string& why, bool same_record) {
    uint32_t ra = Root(a), rb = Root(b);
    if (ra == rb) return true;
    if (!same_record)
      for (const std::string& l : lists_[rb])
        if (lists_[ra].count(l)) return false;
    if (lists_[ra].size() < lists_[rb].size()) std::swap(ra, rb);
    parent_[rb] = ra;
    lists_[ra].insert(lists_[rb].begin(), lists_[rb].end());
    reasons_[ra].insert(reasons_[ra].end(), reasons_[rb].begin(), reasons_[rb].end());
    reasons_[ra].push_back(snapshot_.entities[a].id + " = " + snapshot_.entities[b].id + ": " +
                           why);
    lists_[rb].clear();
    reasons_[rb].clear();
    return true;
  }

  std::vector<std::string>& Reasons(uint32_t root) { return reasons_[root]; }

 private:
  const Snapshot& snapshot_;
  std::vector<uint32_t> parent_;
  std::vector<std::set<std::string>> lists_;
  std::vector<std::vector<std::string>> reasons_;
};

using Buckets = std::unordered_map<std::string, std::vector<uint32_t>>;

// Merges, in each bucket, every member with the first earlier one `compatible` accepts.
template <typename Compatible>
void MergeBuckets(const Buckets& buckets, Groups& groups, const std::string& why_prefix,
                  bool same_record, Compatible compatible) {
  std::vector<std::pair<std::string, const std::vector<uint32_t>*>> sorted;
  for (const auto& [key, members] : buckets)
    if (members.size() > 1) sorted.emplace_back(key, &members);
  std::sort(sorted.begin(), sorted.end());  // a fixed order: the result does not depend on hashing
  for (const auto& [key, members] : sorted)
    for (size_t i = 1; i < members->size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (compatible((*members)[j], (*members)[i]) &&
            groups.Merge((*members)[j], (*members)[i], why_prefix + key, same_record))
          break;
}

}  // namespace

Parties Parties::Build(const Snapshot& snapshot) {
  const auto& es = snapshot.entities;
  const uint32_t n = static_cast<uint32_t>(es.size());
  Groups groups(snapshot);
  Buckets record, un_reference, identifier, person, organisation;
  for (uint32_t i = 0; i < n; ++i) {
    const Entity& e = es[i];
    if (std::string k = OfacRecordKey(e); !k.empty()) record[k].push_back(i);
    if (std::string k = UnReferenceKey(e); !k.empty()) un_reference[k].push_back(i);
    std::set<std::string> ids;
    for (const Identifier& id : e.identifiers)
      if (std::string k = IdentifierKey(id); !k.empty()) ids.insert(k);
    for (const std::string& k : ids) identifier[k].push_back(i);
    if (e.schema != Schema::kPerson && e.schema != Schema::kOrganization) continue;
    std::set<std::string> names;
    for (std::string_view name : e.AllNames())
      if (std::string k = NameKey(name, e.schema); !k.empty()) names.insert(k);
    if (e.schema == Schema::kPerson) {
      for (const std::string& date : e.birth_dates)
        if (date.size() == 10)  // a full date: a year alone is shared by too many
          for (const std::string& k : names) person[k + " born " + date].push_back(i);
    } else {
      for (const std::string& k : names) organisation[k].push_back(i);
    }
  }
  auto any = [](uint32_t, uint32_t) { return true; };
  auto same_schema = [&](uint32_t a, uint32_t b) {
    return es[a].schema == es[b].schema || es[a].schema == Schema::kUnknown ||
           es[b].schema == Schema::kUnknown;
  };
  MergeBuckets(record, groups, "same ", true, any);
  MergeBuckets(un_reference, groups, "same ", false, any);
  MergeBuckets(identifier, groups, "same ", false, same_schema);
  MergeBuckets(
      person, groups, "same name and birth date, shared nationality: ", false,
      [&](uint32_t a, uint32_t b) { return ShareAny(es[a].nationalities, es[b].nationalities); });
  MergeBuckets(
      organisation, groups, "same organisation name and a shared country: ", false,
      [&](uint32_t a, uint32_t b) { return ShareAny(CountriesOf(es[a]), CountriesOf(es[b])); });

  Parties out;
  out.party_of_.assign(n, 0);
  std::unordered_map<uint32_t, uint32_t> party_of_root;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t root = groups.Root(i);
    auto [it, inserted] = party_of_root.emplace(root, static_cast<uint32_t>(out.parties_.size()));
    if (inserted) {
      out.parties_.emplace_back();
      out.parties_.back().reasons = std::move(groups.Reasons(root));
    }
    out.parties_[it->second].listings.push_back(i);
    out.party_of_[i] = it->second;
  }
  for (ListedParty& p : out.parties_) {
    std::sort(p.listings.begin(), p.listings.end(), [&](uint32_t a, uint32_t b) {
      const int ra = SourceRank(es[a].source), rb = SourceRank(es[b].source);
      return ra != rb ? ra < rb : es[a].id < es[b].id;
    });
    p.id = "party:" + es[p.listings.front()].id;
  }
  return out;
}

std::vector<PartyHits> GroupHitsByParty(std::vector<Hit> hits, const Parties& parties) {
  std::stable_sort(hits.begin(), hits.end(),
                   [](const Hit& a, const Hit& b) { return a.score > b.score; });
  std::vector<PartyHits> out;
  std::unordered_map<const ListedParty*, size_t> at;
  for (Hit& h : hits) {
    const ListedParty* p = &parties.Of(h.entity_index);
    auto [it, inserted] = at.emplace(p, out.size());
    if (inserted) out.push_back({p, {}});
    out[it->second].hits.push_back(std::move(h));
  }
  return out;
}

std::string MergeRule(const std::string& reason) {
  const size_t colon = reason.find(": ");
  const std::string_view why = colon == std::string::npos
                                   ? std::string_view(reason)
                                   : std::string_view(reason).substr(colon + 2);
  if (StartsWith(why, "same OFAC entry")) return "same OFAC entry";
  if (StartsWith(why, "same UN reference")) return "same UN reference";
  if (StartsWith(why, "same name and birth date")) return "same person";
  if (StartsWith(why, "same organisation name")) return "same organisation";
  return "same identifier";
}

size_t Parties::GroupedListings() const {
  size_t n = 0;
  for (const ListedParty& p : parties_)
    if (p.listings.size() > 1) n += p.listings.size();
  return n;
}

}  // namespace partyscreen
