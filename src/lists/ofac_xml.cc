// OFAC XML formats: the classic sdn.xml (namespace http://tempuri.org/sdnList.xsd) and the
// Sanctions List Service ENHANCED_XML (CONS_ENHANCED.XML / SDN_ENHANCED.XML), plain or zipped.
// Layout and quirks: docs/lists/OFAC.md.
#include <algorithm>
#include <cstring>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/dates.h"
#include "core/input.h"
#include "core/strings.h"
#include "lists/ofac_entity.h"
#include "lists/ofac_remarks.h"
#include "lists/parsers.h"
#include "lists/xml_document.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

// ---------------------------------------------------------------------------------------------
// Input shared by both formats: unzip and parse; a document that is not well-formed is refused.

struct XmlInput {
  std::string text;  // the XML (unzipped)
  pugi::xml_document doc;
  pugi::xml_node root;
};

// Reads `data` (a zip holding one *.xml member, or XML) and parses it. `root_name` is the element
// the format must start with. Any parse error (a file cut short or damaged part-way included) is an
// error naming `label` and the line: an incomplete list must not replace a complete one.
Status LoadXml(std::string_view data, std::string_view root_name, std::string_view format,
               const std::string& label, XmlInput& in) {
  if (IsZip(data)) {
    auto names = ZipMemberNames(data, label);
    if (!names.ok()) return names.status();
    auto it = std::find_if(names->begin(), names->end(),
                           [](const std::string& n) { return EndsWith(AsciiLower(n), ".xml"); });
    if (it == names->end())
      return Status::Corrupt(label + ": zip holds no .xml member (expected " + std::string(format) +
                             ")");
    auto member = ReadZipMember(data, *it, label);
    if (!member.ok()) return member.status();
    in.text = std::move(member).value();
  } else {
    in.text = std::string(data);
  }
  return LoadListXml(in.text, std::string(root_name).c_str(), format, label, in.doc, &in.root);
}

std::string Text(pugi::xml_node node, const char* child) {
  return std::string(Trim(node.child(child).text().as_string()));
}

bool IsTrue(pugi::xml_node node, const char* child) { return IEquals(Text(node, child), "true"); }

std::string AliasTypeCode(std::string_view text) {
  const std::string t = AsciiLower(text);
  if (t.find('f') == 0) return "fka";
  if (t.find('n') == 0) return "nka";
  return "aka";
}

// "LAST, First" as OFAC writes individuals in the CSV; just `last` when there is no first name.
std::string JoinName(std::string_view last, std::string_view first) {
  last = Trim(last);
  first = Trim(first);
  if (first.empty()) return std::string(last);
  if (last.empty()) return std::string(first);
  return std::string(last) + ", " + std::string(first);
}

// ---------------------------------------------------------------------------------------------
// Classic sdn.xml

void ReadSdnEntry(pugi::xml_node entry, Entity& e) {
  e.schema = ParseSchema(Text(entry, "sdnType"));
  if (e.schema == Schema::kUnknown) e.schema = Schema::kOrganization;
  e.name = CollapseSpaces(JoinName(Text(entry, "lastName"), Text(entry, "firstName")));
  e.title = Text(entry, "title");
  for (pugi::xml_node p : entry.child("programList").children("program"))
    AddUnique(e.programs, p.text().as_string());
  for (pugi::xml_node aka : entry.child("akaList").children("aka")) {
    Alias alias;
    alias.name = CollapseSpaces(JoinName(Text(aka, "lastName"), Text(aka, "firstName")));
    alias.type = AliasTypeCode(Text(aka, "type"));
    alias.quality =
        IEquals(Text(aka, "category"), "weak") ? AliasQuality::kWeak : AliasQuality::kStrong;
    e.aliases.push_back(std::move(alias));
  }
  for (pugi::xml_node a : entry.child("addressList").children("address")) {
    const std::string street[] = {Text(a, "address1"), Text(a, "address2"), Text(a, "address3")};
    const std::string state_postal = Join({Text(a, "stateOrProvince"), Text(a, "postalCode")}, " ");
    AddOfacAddress(e, {street[0], street[1], street[2]}, Text(a, "city"), state_postal,
                   Text(a, "country"));
  }
  for (pugi::xml_node id : entry.child("idList").children("id")) {
    std::string type = Text(id, "idType");
    std::string value = Text(id, "idNumber");
    if (IEquals(type, "Gender")) {
      if (e.gender.empty()) e.gender = value;
      continue;
    }
    if (type == "Vessel Registration Identification" && StartsWith(value, "IMO ")) {
      type = "IMO";
      value = std::string(Trim(value.substr(4)));
    }
    if (value.empty()) continue;
    std::vector<std::string> note;
    if (!Text(id, "issueDate").empty()) note.push_back("issued " + Text(id, "issueDate"));
    if (!Text(id, "expirationDate").empty())
      note.push_back("expires " + Text(id, "expirationDate"));
    e.identifiers.push_back({type, value, CountryCode(Text(id, "idCountry")), Join(note, " ")});
  }
  for (pugi::xml_node n : entry.child("nationalityList").children("nationality"))
    AddUnique(e.nationalities, NormalizeCountry(Text(n, "country")));
  for (pugi::xml_node n : entry.child("citizenshipList").children("citizenship"))
    AddUnique(e.nationalities, NormalizeCountry(Text(n, "country")));
  for (pugi::xml_node d : entry.child("dateOfBirthList").children("dateOfBirthItem"))
    for (std::string& iso : ToIsoDates(Text(d, "dateOfBirth")))
      e.birth_dates.push_back(std::move(iso));
  for (pugi::xml_node p : entry.child("placeOfBirthList").children("placeOfBirthItem"))
    AddUnique(e.birth_places, Text(p, "placeOfBirth"));
  if (pugi::xml_node v = entry.child("vesselInfo")) {
    if (!Text(v, "callSign").empty())
      e.identifiers.push_back({"Call Sign", Text(v, "callSign"), "", ""});
    if (!Text(v, "vesselFlag").empty()) {
      const std::string flag = NormalizeCountry(Text(v, "vesselFlag"));
      e.identifiers.push_back({"Vessel Flag", Text(v, "vesselFlag"), flag, ""});
      AddUnique(e.countries, flag);
    }
  }
  // Remarks of sdn.xml hold what has no element of its own; their quoted aliases are weak too.
  e.remarks = Text(entry, "remarks");
  ApplyOfacRemarks(e.remarks, e);
}

// ---------------------------------------------------------------------------------------------
// ENHANCED_XML

// The <referenceValues> table: refId -> value, used when an element carries only its refId.
class ReferenceValues {
 public:
  explicit ReferenceValues(pugi::xml_node root) {
    for (pugi::xml_node v : root.child("referenceValues").children("referenceValue"))
      values_.emplace(v.attribute("refId").as_string(), Text(v, "value"));
  }
  // The element's text, or the referenced value when the text is empty.
  std::string Of(pugi::xml_node node) const {
    std::string text(Trim(node.text().as_string()));
    if (!text.empty()) return text;
    auto it = values_.find(node.attribute("refId").as_string());
    return it == values_.end() ? "" : it->second;
  }

 private:
  std::unordered_map<std::string, std::string> values_;
};

// SDN_ENHANCED when the publication's filter (or, without one, every entity) names the SDN List.
bool EnhancedIsSdn(pugi::xml_node root) {
  pugi::xml_node filters = root.child("publicationInfo").child("filters").child("sanctionsLists");
  bool any_filter = false;
  for (pugi::xml_node l : filters.children("sanctionsList")) {
    any_filter = true;
    if (IEquals(Trim(l.text().as_string()), "SDN List")) return true;
  }
  if (any_filter) return false;
  bool any_entity = false;
  for (pugi::xml_node entity : root.child("entities").children("entity")) {
    any_entity = true;
    bool on_sdn = false;
    for (pugi::xml_node l : entity.child("sanctionsLists").children("sanctionsList"))
      on_sdn = on_sdn || IEquals(Trim(l.text().as_string()), "SDN List");
    if (!on_sdn) return false;
  }
  return any_entity;
}

void ReadEnhancedNames(pugi::xml_node entity, const ReferenceValues& refs, Entity& e) {
  for (pugi::xml_node name : entity.child("names").children("name")) {
    const bool primary = IsTrue(name, "isPrimary");
    const bool low_quality = IsTrue(name, "isLowQuality");
    const std::string alias_type = AliasTypeCode(refs.Of(name.child("aliasType")));
    for (pugi::xml_node t : name.child("translations").children("translation")) {
      const std::string full = CollapseSpaces(Text(t, "formattedFullName"));
      if (full.empty()) continue;
      const std::string script = refs.Of(t.child("script"));
      const bool latin = script.empty() || IEquals(script, "Latin");
      if (primary && IsTrue(t, "isPrimary") && latin && e.name.empty()) {
        e.name = full;
        continue;
      }
      Alias alias;
      alias.name = full;
      alias.quality = low_quality ? AliasQuality::kWeak : AliasQuality::kStrong;
      alias.type = latin ? (primary ? "aka" : alias_type) : "original_script";
      if (!latin) alias.script = script;
      e.aliases.push_back(std::move(alias));
    }
  }
}

void ReadEnhancedAddresses(pugi::xml_node entity, const ReferenceValues& refs, Entity& e) {
  for (pugi::xml_node a : entity.child("addresses").children("address")) {
    const std::string country = refs.Of(a.child("country"));
    for (pugi::xml_node t : a.child("translations").children("translation")) {
      std::vector<std::string> street;
      std::string city, region;
      for (pugi::xml_node part : t.child("addressParts").children("addressPart")) {
        const std::string type = AsciiUpper(refs.Of(part.child("type")));
        const std::string value = Text(part, "value");
        if (type == "CITY") {
          city = value;
        } else if (type == "STATE/PROVINCE" || type == "REGION" || type == "POSTAL CODE") {
          region += (region.empty() ? "" : " ") + value;
        } else {
          street.push_back(value);
        }
      }
      std::vector<std::string_view> parts(street.begin(), street.end());
      AddOfacAddress(e, parts, city, region, country);
      if (street.empty() && city.empty()) break;  // one country-only address is enough
    }
  }
}

void ReadEnhancedFeatures(pugi::xml_node entity, const ReferenceValues& refs, Entity& e,
                          std::vector<std::string>& remark_items) {
  for (pugi::xml_node f : entity.child("features").children("feature")) {
    const std::string type = refs.Of(f.child("type"));
    std::string value = Text(f, "value");
    if (value.empty()) continue;
    if (type == "Birthdate") {
      for (std::string& iso : ToIsoDates(value)) e.birth_dates.push_back(std::move(iso));
    } else if (type == "Place of Birth") {
      AddUnique(e.birth_places, value);
    } else if (type == "Nationality Country" || type == "Citizenship Country") {
      AddUnique(e.nationalities, NormalizeCountry(value));
    } else if (type == "Nationality of Registration") {
      AddUnique(e.countries, NormalizeCountry(value));
    } else if (type == "Gender") {
      if (e.gender.empty()) e.gender = value;
    } else if (type == "SWIFT/BIC" || type == "ISIN" || type == "Equity Ticker" ||
               type == "BIK (RU)" || type == "Vessel Registration Identification" ||
               type == "MMSI" || type == "Call Sign" ||
               StartsWith(type, "Digital Currency Address")) {
      std::string id_type = type;
      if (type == "Vessel Registration Identification" && StartsWith(value, "IMO ")) {
        id_type = "IMO";
        value = std::string(Trim(std::string_view(value).substr(4)));
      }
      e.identifiers.push_back({id_type, value, "", ""});
    } else {
      remark_items.push_back(type + " " + value);
    }
  }
}

void ReadEnhancedEntity(pugi::xml_node entity, const ReferenceValues& refs, Entity& e) {
  e.schema = ParseSchema(refs.Of(entity.child("generalInfo").child("entityType")));
  if (e.schema == Schema::kUnknown) e.schema = Schema::kOrganization;
  for (pugi::xml_node l : entity.child("sanctionsLists").children("sanctionsList")) {
    const std::string list = refs.Of(l);
    // The entity's own list ("Non-SDN CMIC List") says more than the umbrella "Consolidated List".
    if (!list.empty() && list != "Consolidated List") {
      e.list = list;
      break;
    }
  }
  for (pugi::xml_node p : entity.child("sanctionsPrograms").children("sanctionsProgram"))
    AddUnique(e.programs, refs.Of(p));
  ReadEnhancedNames(entity, refs, e);
  ReadEnhancedAddresses(entity, refs, e);
  std::vector<std::string> remark_items;
  if (std::string general = Text(entity.child("generalInfo"), "remarks"); !general.empty())
    remark_items.push_back(std::move(general));
  ReadEnhancedFeatures(entity, refs, e, remark_items);
  for (pugi::xml_node d : entity.child("identityDocuments").children("identityDocument")) {
    const std::string number = Text(d, "documentNumber");
    if (number.empty()) continue;
    std::string note = IEquals(Text(d, "isValid"), "false") ? "not valid" : "";
    e.identifiers.push_back(
        {refs.Of(d.child("type")), number, CountryCode(refs.Of(d.child("issuingCountry"))), note});
  }
  for (pugi::xml_node r : entity.child("relationships").children("relationship"))
    remark_items.push_back(refs.Of(r.child("type")) + ": " + Text(r, "relatedEntity"));
  e.remarks = Join(remark_items, "; ");
}

}  // namespace

Result<ParsedList> ParseOfacSdnXml(std::string_view xml_or_zip, ParseLog& log) {
  XmlInput in;
  if (Status s = LoadXml(xml_or_zip, "sdnList", "an OFAC sdn.xml file", log.file(), in); !s.ok())
    return s;
  ParsedList list;
  list.list_name = std::string(kOfacSdnListName);
  // OFAC's own spelling: <publshInformation>.
  pugi::xml_node info = in.root.child("publshInformation");
  if (!info) info = in.root.child("publishInformation");
  list.published = ToIsoDate(Text(info, "Publish_Date"), DateOrder::kMonthFirst);

  std::unordered_set<std::string> seen;
  for (pugi::xml_node entry : in.root.children("sdnEntry")) {
    log.CountRecord();
    const uint64_t line = LineAt(in.text, entry.offset_debug());
    const std::string uid = Text(entry, "uid");
    Entity e;
    e.source = "ofac";
    e.id = "ofac:" + uid;
    e.list = list.list_name;
    ReadSdnEntry(entry, e);
    if (uid.empty() || e.name.empty()) {
      log.Skip(line,
               uid.empty() ? "sdnEntry without <uid>" : "sdnEntry " + uid + " without a name");
      continue;
    }
    if (!seen.insert(uid).second) {
      log.Skip(line, "sdnEntry uid " + uid + " repeats an earlier entry");
      continue;
    }
    FinishOfacEntity(e);
    list.entities.push_back(std::move(e));
  }
  return list;
}

Result<ParsedList> ParseOfacEnhancedXml(std::string_view xml_or_zip, ParseLog& log) {
  XmlInput in;
  if (Status s = LoadXml(xml_or_zip, "sanctionsData", "an OFAC ENHANCED_XML file", log.file(), in);
      !s.ok())
    return s;
  const bool sdn = EnhancedIsSdn(in.root);
  const std::string source = sdn ? "ofac" : "ofac-cons";
  ParsedList list;
  list.list_name = std::string(sdn ? kOfacSdnListName : kOfacConsListName);
  list.published =
      ToIsoDate(std::string_view(Text(in.root.child("publicationInfo"), "dataAsOf")).substr(0, 10));
  const ReferenceValues refs(in.root);

  std::unordered_set<std::string> seen;
  for (pugi::xml_node entity : in.root.child("entities").children("entity")) {
    log.CountRecord();
    const uint64_t line = LineAt(in.text, entity.offset_debug());
    const std::string id(Trim(entity.attribute("id").as_string()));
    Entity e;
    e.source = source;
    e.id = source + ":" + id;
    e.list = list.list_name;
    ReadEnhancedEntity(entity, refs, e);
    if (id.empty() || e.name.empty()) {
      log.Skip(line, id.empty() ? "entity without an id attribute"
                                : "entity " + id + " without a primary name");
      continue;
    }
    if (!seen.insert(id).second) {
      log.Skip(line, "entity id " + id + " repeats an earlier entity");
      continue;
    }
    FinishOfacEntity(e);
    list.entities.push_back(std::move(e));
  }
  return list;
}

}  // namespace partyscreen
