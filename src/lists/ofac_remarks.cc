#include "lists/ofac_remarks.h"

#include <utility>

#include "core/dates.h"
#include "core/strings.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

// Identifier labels OFAC writes in remarks, longest first where one is a prefix of another.
constexpr std::string_view kIdentifierLabels[] = {
    "Vessel Registration Identification",
    "Aircraft Manufacturer's Serial Number (MSN)",
    "Aircraft Construction Number (also called L/N or S/N or F/N)",
    "Aircraft Tail Number",
    "Unified Social Credit Code (USCC)",
    "Economic Register Number (CBLS)",
    "Central Registration System Number",
    "Business Registration Document #",
    "Business Registration Number",
    "Commercial Registry Number",
    "Public Registration Number",
    "Government Gazette Number",
    "Chamber of Commerce Number",
    "Istanbul Chamber of Comm. No.",
    "Electoral Registry No.",
    "Birth Certificate Number",
    "Identification Number",
    "Legal Entity Number",
    "Registration Number",
    "Registration ID",
    "National ID No.",
    "National Foreign ID Number",
    "Personal ID Card",
    "Residency Number",
    "Social Security Number",
    "Tax ID No.",
    "Trade License No.",
    "Driver's License No.",
    "Folio Mercantil No.",
    "Matricula Mercantil No",
    "Company Number",
    "D-U-N-S Number",
    "V.A.T. Number",
    "Cedula No.",
    "C.R. No.",
    "C.U.R.P.",
    "R.F.C.",
    "D.N.I.",
    "NIT #",
    "RUC #",
    "RIF #",
    "SWIFT/BIC",
    "BIK (RU)",
    "Italian Fiscal Code",
    "Passport",
    "Diplomatic Passport",
    "License",
    "Stateless Person ID Card",
    "Refugee ID Card",
    "Kenyan ID No.",
    "Citizen's Card Number",
    "Immigrant No.",
    "MMSI",
    "IMO",
};

// True if `item` starts with `label` followed by a space or the end.
bool StartsWithWord(std::string_view item, std::string_view label) {
  return StartsWith(item, label) && (item.size() == label.size() || item[label.size()] == ' ');
}

std::string_view StripFinalPeriod(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return Trim(s);
}

// "a.k.a.", "f.k.a.", "n.k.a." (optionally "weak "): the alias type, else "".
std::string_view AliasPrefix(std::string_view item, size_t& prefix_len) {
  for (std::string_view type : {"a.k.a.", "f.k.a.", "n.k.a."}) {
    if (StartsWith(item, type)) {
      prefix_len = type.size();
      return type;
    }
  }
  return {};
}

// The quoted alias value of an item is complete when, after the prefix, the text ends with a
// closing quote (possibly followed by "." or "(weak)").
bool AliasItemClosed(std::string_view rest) {
  rest = StripFinalPeriod(rest);
  if (EndsWith(rest, "(weak)")) rest = Trim(rest.substr(0, rest.size() - 6));
  if (rest.empty() || rest.front() != '\'') return true;  // unquoted alias: one item
  return rest.size() >= 2 && rest.back() == '\'';
}

std::string_view WithoutQualifiers(std::string_view item, bool& weak) {
  item = Trim(item);
  if (StartsWith(item, "alt. ")) item = Trim(item.substr(5));
  if (StartsWith(item, "weak ")) {
    weak = true;
    item = Trim(item.substr(5));
  }
  return item;
}

// False when the alias is cut (an opening quote without its closing one).
bool AddAlias(std::string_view type, std::string_view rest, Entity& entity) {
  std::string_view value = StripFinalPeriod(rest);
  if (EndsWith(value, "(weak)")) value = Trim(value.substr(0, value.size() - 6));
  if (!value.empty() && value.front() == '\'') {
    if (value.size() < 2 || value.back() != '\'') return false;
    value = value.substr(1, value.size() - 2);
    // A nickname in quotes inside the quotes: a.k.a. ''FOOPIE''.
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'')
      value = value.substr(1, value.size() - 2);
  }
  value = Trim(value);
  if (value.empty()) return true;
  // Every remark alias is weak in OFAC's legacy formats; a "weak " prefix only confirms it.
  Alias alias;
  alias.name = std::string(value);
  alias.quality = AliasQuality::kWeak;
  alias.type = type == "f.k.a." ? "fka" : type == "n.k.a." ? "nka" : "aka";
  entity.aliases.push_back(std::move(alias));
  return true;
}

// "A123 (Iran) issued 01 Jan 2000 expires 2005" -> value, country, note.
Identifier ParseIdentifier(std::string type, std::string_view rest) {
  Identifier id;
  id.type = std::move(type);
  rest = StripFinalPeriod(rest);
  std::string_view value = rest;
  std::string_view note;
  for (std::string_view stop : {" issued ", " expires ", " Expiration Date "}) {
    const size_t at = value.find(stop);
    if (at != std::string_view::npos) {
      note = Trim(rest.substr(at));
      value = Trim(value.substr(0, at));
    }
  }
  // A trailing "(Country)" names the issuing country.
  if (!value.empty() && value.back() == ')') {
    const size_t open = value.rfind(" (");
    if (open != std::string_view::npos) {
      const std::string_view inside = value.substr(open + 2, value.size() - open - 3);
      const std::string code = CountryCode(inside);
      if (!code.empty()) {
        id.country = code;
        value = Trim(value.substr(0, open));
      }
    }
  }
  id.value = std::string(value);
  id.note = std::string(note);
  return id;
}

// False when the item is a cut alias that could not be used.
bool ApplyItem(std::string_view raw_item, Entity& entity) {
  bool weak = false;
  std::string_view item = WithoutQualifiers(raw_item, weak);
  size_t prefix_len = 0;
  if (std::string_view type = AliasPrefix(item, prefix_len); !type.empty())
    return AddAlias(type, item.substr(prefix_len), entity);
  if (StartsWithWord(item, "DOB")) {
    for (std::string& d : ToIsoDates(StripFinalPeriod(item.substr(3))))
      entity.birth_dates.push_back(std::move(d));
    return true;
  }
  if (StartsWithWord(item, "POB")) {
    const std::string_view place = StripFinalPeriod(item.substr(3));
    if (!place.empty()) entity.birth_places.emplace_back(place);
    return true;
  }
  for (std::string_view label : {"nationality", "citizen"}) {
    if (StartsWithWord(item, label)) {
      const std::string country = NormalizeCountry(StripFinalPeriod(item.substr(label.size())));
      if (!country.empty()) entity.nationalities.push_back(country);
      return true;
    }
  }
  if (StartsWithWord(item, "Gender")) {
    if (entity.gender.empty()) entity.gender = std::string(StripFinalPeriod(item.substr(6)));
    return true;
  }
  constexpr std::string_view kDigitalCurrency = "Digital Currency Address - ";
  if (StartsWith(item, kDigitalCurrency)) {
    std::string_view rest = Trim(item.substr(kDigitalCurrency.size()));
    const size_t space = rest.find(' ');
    if (space == std::string_view::npos) return true;
    entity.identifiers.push_back(
        ParseIdentifier(std::string(kDigitalCurrency) + std::string(rest.substr(0, space)),
                        rest.substr(space + 1)));
    return true;
  }
  for (std::string_view label : kIdentifierLabels) {
    if (!StartsWithWord(item, label)) continue;
    std::string_view rest = Trim(item.substr(label.size()));
    std::string type(label);
    if (label == "Vessel Registration Identification") {
      // "Vessel Registration Identification IMO 9187629": the scheme is the first word.
      if (!StartsWithWord(rest, "IMO")) return true;
      type = "IMO";
      rest = Trim(rest.substr(3));
    }
    if (StartsWith(rest, "# ")) rest = Trim(rest.substr(2));  // "MMSI # 123"
    Identifier id = ParseIdentifier(std::move(type), rest);
    if (!id.value.empty()) entity.identifiers.push_back(std::move(id));
    return true;
  }
  return true;
}

}  // namespace

std::vector<std::string> SplitOfacRemarkItems(std::string_view remarks) {
  std::vector<std::string> items;
  std::string open_alias;  // an alias item whose closing quote is in a later piece
  for (std::string& piece : Split(remarks, "; ", /*skip_empty=*/true)) {
    if (!open_alias.empty()) {
      open_alias += "; " + piece;
      bool weak = false;
      std::string_view item = WithoutQualifiers(open_alias, weak);
      size_t prefix_len = 0;
      AliasPrefix(item, prefix_len);
      if (AliasItemClosed(item.substr(prefix_len))) {
        items.push_back(std::move(open_alias));
        open_alias.clear();
      }
      continue;
    }
    bool weak = false;
    std::string_view item = WithoutQualifiers(piece, weak);
    size_t prefix_len = 0;
    if (!AliasPrefix(item, prefix_len).empty() && !AliasItemClosed(item.substr(prefix_len))) {
      open_alias = std::move(piece);
      continue;
    }
    items.push_back(std::move(piece));
  }
  if (!open_alias.empty())
    items.push_back(std::move(open_alias));  // unclosed to the end: keep as is
  return items;
}

int ApplyOfacRemarks(std::string_view remarks, Entity& entity) {
  int cut = 0;
  for (const std::string& item : SplitOfacRemarkItems(remarks))
    if (!ApplyItem(item, entity)) ++cut;
  return cut;
}

}  // namespace partyscreen
