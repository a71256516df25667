#include "normalize/country.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>
#include <unordered_map>

#include "core/strings.h"

namespace partyscreen {

namespace {

// Variants used by sanctions lists that ICU's English names do not cover. Data, not logic.
struct Variant {
  const char* name;
  const char* code;
};
constexpr Variant kVariants[] = {
    {"korea north", "KP"},
    {"north korea", "KP"},
    {"dprk", "KP"},
    {"democratic peoples republic of korea", "KP"},
    {"korea democratic peoples republic of", "KP"},
    {"korea south", "KR"},
    {"south korea", "KR"},
    {"republic of korea", "KR"},
    {"korea republic of", "KR"},
    {"iran islamic republic of", "IR"},
    {"islamic republic of iran", "IR"},
    {"russian federation", "RU"},
    {"burma", "MM"},
    {"myanmar burma", "MM"},
    {"syrian arab republic", "SY"},
    {"syria", "SY"},
    {"united states of america", "US"},
    {"usa", "US"},
    {"united kingdom", "GB"},
    {"uk", "GB"},
    {"great britain", "GB"},
    {"england", "GB"},
    {"viet nam", "VN"},
    {"laos", "LA"},
    {"lao peoples democratic republic", "LA"},
    {"venezuela bolivarian republic of", "VE"},
    {"bolivia plurinational state of", "BO"},
    {"tanzania united republic of", "TZ"},
    {"moldova republic of", "MD"},
    {"congo democratic republic of the", "CD"},
    {"democratic republic of the congo", "CD"},
    {"congo democratic republic", "CD"},
    {"drc", "CD"},
    {"republic of the congo", "CG"},
    {"congo republic of the", "CG"},
    {"ivory coast", "CI"},
    {"cote divoire", "CI"},
    {"palestinian territories", "PS"},
    {"palestine", "PS"},
    {"west bank", "PS"},
    {"gaza", "PS"},
    {"macedonia", "MK"},
    {"the former yugoslav republic of macedonia", "MK"},
    {"czech republic", "CZ"},
    {"turkey", "TR"},
    {"turkiye", "TR"},
    {"hong kong", "HK"},
    {"macau", "MO"},
    {"macao", "MO"},
    {"taiwan", "TW"},
    {"brunei", "BN"},
    {"cape verde", "CV"},
    {"swaziland", "SZ"},
    {"east timor", "TL"},
    {"vatican", "VA"},
    {"holy see", "VA"},
    {"kyrgyz republic", "KG"},
    {"slovak republic", "SK"},
    {"the gambia", "GM"},
    {"gambia the", "GM"},
    {"bahamas the", "BS"},
    {"micronesia federated states of", "FM"},
    {"st kitts and nevis", "KN"},
    {"st lucia", "LC"},
    {"st vincent and the grenadines", "VC"},
    {"saint vincent and the grenadines", "VC"},
    {"united arab emirates", "AE"},
    {"uae", "AE"},
    {"crimea", "UA"},
    {"region crimea", "UA"},
    {"bosnia herzegovina", "BA"},
    {"bosnia", "BA"},
    {"serbia and montenegro", "RS"},
    {"kosovo", "XK"},
    {"netherlands antilles", "CW"},
    {"cabo verde", "CV"},
    {"virgin islands british", "VG"},
    {"british virgin islands", "VG"},
    {"virgin islands us", "VI"},
    {"palestinian", "PS"},
    {"curacao", "CW"},
    {"people s republic of china", "CN"},
    {"peoples republic of china", "CN"},
    {"prc", "CN"},
    {"china mainland", "CN"},
};

std::string Key(std::string_view s) {
  // lower-case ASCII letters and single spaces; other characters dropped (apostrophes, commas,
  // dots)
  std::string out;
  bool space = false;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) {
      if (space && !out.empty()) out += ' ';
      out += static_cast<char>(std::tolower(u));
      space = false;
    } else if (c == '\'') {
      // "People's" -> "peoples"
    } else {
      space = true;
    }
  }
  // ICU writes "Bosnia & Herzegovina", lists write "Bosnia and Herzegovina": "&" is dropped above,
  // so drop the word "and" too.
  // Likewise ICU abbreviates "Saint" as "St.".
  std::string key;
  for (const std::string& w : Split(out, " ")) {
    if (w == "and") continue;
    key += (key.empty() ? "" : " ") + (w == "saint" ? std::string("st") : w);
  }
  return key;
}

struct Table {
  std::unordered_map<std::string, std::string> by_name;
  std::unordered_map<std::string, std::string> name_of;
  Table() {
    for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
      const std::string code = *c;
      icu::UnicodeString display;
      icu::Locale("", *c).getDisplayCountry(icu::Locale::getEnglish(), display);
      std::string name;
      display.toUTF8String(name);
      name_of[code] = name;
      by_name.emplace(Key(name), code);
      by_name.emplace(AsciiLower(code), code);
    }
    for (const Variant& v : kVariants) by_name[Key(v.name)] = v.code;
    name_of["XK"] = "Kosovo";
  }
};

const Table& GetTable() {
  static const Table kTable;
  return kTable;
}

}  // namespace

std::string CountryCode(std::string_view text) {
  const std::string_view t = Trim(text);
  if (t.empty()) return "";
  const Table& table = GetTable();
  if (t.size() == 2) {
    const std::string up = AsciiUpper(t);
    return table.name_of.count(up) ? up : "";
  }
  auto it = table.by_name.find(Key(t));
  return it == table.by_name.end() ? "" : it->second;
}

std::string CountryName(std::string_view iso2) {
  const Table& table = GetTable();
  auto it = table.name_of.find(AsciiUpper(iso2));
  return it == table.name_of.end() ? std::string(iso2) : it->second;
}

std::string NormalizeCountry(std::string_view text) {
  std::string code = CountryCode(text);
  return code.empty() ? std::string(Trim(text)) : code;
}

}  // namespace partyscreen
