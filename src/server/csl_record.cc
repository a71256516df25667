#include "server/csl_record.h"

#include <array>

#include "core/strings.h"

namespace partyscreen::server {

namespace {

using nlohmann::json;

struct CslSource {
  std::string_view code, name, information_url;
};

// Names and information pages as the CSL file of November 2023 gives them.
constexpr std::array<CslSource, 13> kSources{{
    {"SDN", "Specially Designated Nationals (SDN) - Treasury Department",
     "https://home.treasury.gov/policy-issues/financial-sanctions/"
     "specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists"},
    {"EL", "Entity List (EL) - Bureau of Industry and Security",
     "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/entity-list"},
    {"DPL", "Denied Persons List (DPL) - Bureau of Industry and Security",
     "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/"
     "denied-persons-list"},
    {"UVL", "Unverified List (UVL) - Bureau of Industry and Security",
     "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/"
     "unverified-list"},
    {"MEU", "Military End User (MEU) List - Bureau of Industry and Security",
     "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern"},
    {"ISN", "Nonproliferation Sanctions (ISN) - State Department",
     "https://www.state.gov/key-topics-bureau-of-international-security-and-nonproliferation/"
     "nonproliferation-sanctions/"},
    {"DTC", "ITAR Debarred (DTC) - State Department",
     "https://www.pmddtc.state.gov/ddtc_public?id=ddtc_kb_article_page&sys_id="
     "c22d1833dbb8d300d0a370131f9619f0"},
    {"SSI", "Sectoral Sanctions Identifications List (SSI) - Treasury Department",
     "https://home.treasury.gov/policy-issues/financial-sanctions/"
     "consolidated-sanctions-list-non-sdn-lists/sectoral-sanctions-identifications-ssi-list"},
    {"PLC", "Palestinian Legislative Council List (PLC) - Treasury Department",
     "https://ofac.treasury.gov/consolidated-sanctions-list/"
     "non-sdn-palestinian-legislative-council-ns-plc-list"},
    {"FSE", "Foreign Sanctions Evaders (FSE) - Treasury Department",
     "https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists/"
     "foreign-sanctions-evaders-fse-list"},
    {"CMIC",
     "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department",
     "https://ofac.treasury.gov/consolidated-sanctions-list/ns-cmic-list"},
    {"CAP", "Capta List (CAP) - Treasury Department",
     "https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists/"
     "list-of-foreign-financial-institutions-subject-to-correspondent-account-or-payable-"
     "through-account-sanctions-capta-list"},
    {"NS-MBS", "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department",
     "https://ofac.treasury.gov/consolidated-sanctions-list-non-sdn-lists/"
     "non-sdn-menu-based-sanctions-list-ns-mbs-list"},
}};

const CslSource* FindSource(std::string_view code) {
  for (const CslSource& s : kSources)
    if (IEquals(s.code, code)) return &s;
  return nullptr;
}

// "Entity List (EL) - Bureau..." -> "EL"; "Non-SDN Menu-Based Sanctions List (NS-MBS List)" ->
// "NS-MBS"; empty when there is no parenthesised part.
std::string ParenthesisedCode(std::string_view list) {
  const size_t open = list.find('(');
  const size_t close = list.find(')', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return {};
  std::string code(Trim(list.substr(open + 1, close - open - 1)));
  if (EndsWith(code, " List")) code.resize(code.size() - 5);
  return code;
}

bool HasProgram(const Entity& e, std::string_view part) {
  for (const std::string& p : e.programs)
    if (AsciiUpper(p).find(part) != std::string::npos) return true;
  return false;
}

// OFAC's consolidated (non-SDN) list has one file for several lists; the program tells which.
std::string NonSdnCode(const Entity& e) {
  if (HasProgram(e, "PLC")) return "PLC";
  if (HasProgram(e, "CMIC")) return "CMIC";
  if (HasProgram(e, "FSE")) return "FSE";
  if (HasProgram(e, "561")) return "CAP";
  if (HasProgram(e, "UKRAINE-EO13662")) return "SSI";
  return "NS-MBS";
}

json OrNull(std::string_view s) { return s.empty() ? json(nullptr) : json(std::string(s)); }

json Strings(const std::vector<std::string>& v) { return v; }

bool IsVesselFact(std::string_view type) {
  return type == "Call Sign" || type == "Vessel Type" || type == "Gross Tonnage" ||
         type == "Gross Registered Tonnage" || type == "Vessel Flag" || type == "Vessel Owner";
}

std::string VesselFact(const Entity& e, std::string_view type) {
  for (const Identifier& id : e.identifiers)
    if (id.type == type) return id.value;
  return {};
}

// "issued 2009-08-31; expires 2014-08-30" (lists/csl_entity.cc) -> the date after `word`.
std::string NoteDate(std::string_view note, std::string_view word) {
  for (const std::string& part : Split(note, ";")) {
    const std::string_view p = Trim(part);
    if (StartsWith(p, word)) return std::string(Trim(p.substr(word.size())));
  }
  return {};
}

std::string AfterPrefix(std::string_view id) {
  const size_t colon = id.find(':');
  return std::string(colon == std::string_view::npos ? id : id.substr(colon + 1));
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string CslCodeOf(const Entity& e) {
  if (e.source == "ofac") return "SDN";
  if (e.source == "ofac-cons") return NonSdnCode(e);
  if (e.source == "bis-dpl") return "DPL";
  if (e.source != "csl" && e.source != "ofac-xml") return {};
  std::string code = ParenthesisedCode(e.list);
  if (IEquals(code, "non-SDN")) return NonSdnCode(e);
  if (FindSource(code) == nullptr && e.source == "ofac-xml")
    return AsciiUpper(e.list).find("SDN") != std::string::npos ? "SDN" : NonSdnCode(e);
  return code;
}

std::string CslSourceName(std::string_view code) {
  const CslSource* s = FindSource(code);
  return std::string(s != nullptr ? s->name : code);
}

std::string CslInformationUrl(std::string_view code) {
  const CslSource* s = FindSource(code);
  return std::string(s != nullptr ? s->information_url : "");
}

std::string CslTypeOf(const Entity& e) {
  if (e.schema == Schema::kPerson) return "Individual";
  if (e.schema == Schema::kOrganization) return "Entity";
  if (e.schema == Schema::kUnknown) return {};
  return std::string(SchemaName(e.schema));  // Vessel, Aircraft: the same words
}

json CslIdsOf(const Entity& e) {
  json ids = json::array();
  for (const Identifier& id : e.identifiers) {
    if (IsVesselFact(id.type)) continue;
    ids.push_back({{"type", OrNull(id.type)},
                   {"number", OrNull(id.value)},
                   {"country", OrNull(id.country)},
                   {"issue_date", OrNull(NoteDate(id.note, "issued"))},
                   {"expiration_date", OrNull(NoteDate(id.note, "expires"))}});
  }
  return ids;
}

json CslResultJson(const Entity& e) {
  const std::string code = CslCodeOf(e);
  const std::string own_id = AfterPrefix(e.id);
  json alt_names = json::array();
  for (const Alias& a : e.aliases) alt_names.push_back(a.name);
  json addresses = json::array();
  for (const Address& a : e.addresses)
    addresses.push_back({{"address", OrNull(a.full)},
                         {"city", OrNull(a.city)},
                         {"state", nullptr},
                         {"postal_code", nullptr},
                         {"country", OrNull(a.country)}});
  const bool numbered = e.source != "csl" || AllDigits(own_id);
  return {
      {"id", e.source == "csl" ? own_id : e.id},
      {"name", e.name},
      {"alt_names", std::move(alt_names)},
      {"type", OrNull(CslTypeOf(e))},
      {"source", e.source == "csl" && !e.list.empty() ? e.list : CslSourceName(code)},
      {"source_list_url", OrNull(e.source_url)},
      {"source_information_url", OrNull(CslInformationUrl(code))},
      {"programs", Strings(e.programs)},
      {"addresses", std::move(addresses)},
      {"ids", CslIdsOf(e)},
      {"nationalities", Strings(e.nationalities)},
      {"citizenships", json::array()},
      {"dates_of_birth", Strings(e.birth_dates)},
      {"places_of_birth", Strings(e.birth_places)},
      {"federal_register_notice", OrNull(e.federal_register)},
      {"start_date", OrNull(e.start_date)},
      {"end_date", OrNull(e.end_date)},
      {"standard_order", OrNull(e.standard_order)},
      {"license_requirement", OrNull(e.license_requirement)},
      {"license_policy", OrNull(e.license_policy)},
      {"call_sign", OrNull(VesselFact(e, "Call Sign"))},
      {"vessel_type", OrNull(VesselFact(e, "Vessel Type"))},
      {"gross_tonnage", OrNull(VesselFact(e, "Gross Tonnage"))},
      {"gross_registered_tonnage", OrNull(VesselFact(e, "Gross Registered Tonnage"))},
      {"vessel_flag", OrNull(VesselFact(e, "Vessel Flag"))},
      {"vessel_owner", OrNull(VesselFact(e, "Vessel Owner"))},
      {"title", OrNull(e.title)},
      {"remarks", OrNull(e.remarks)},
      {"entity_number", numbered ? OrNull(own_id) : json(nullptr)},
  };
}

}  // namespace partyscreen::server
