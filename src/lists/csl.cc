// trade.gov Consolidated Screening List: CSV (consolidated.csv, 29 columns) and JSON
// ({"results": [...]}). Both fill a CslRecord and share CslRecordToEntity (csl_entity.h), so the
// two forms of one record give the same Entity. Layout and quirks: docs/lists/CSL_BIS_UN.md.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/csv.h"
#include "core/strings.h"
#include "lists/csl_entity.h"
#include "lists/parsers.h"

namespace partyscreen {

namespace {

constexpr std::string_view kCslListName = "Consolidated Screening List (trade.gov)";
constexpr size_t kCslColumns = 29;

// Column positions of the published header.
enum CslColumn : size_t {
  kId,
  kSource,
  kEntityNumber,
  kType,
  kPrograms,
  kName,
  kTitle,
  kAddresses,
  kFederalRegisterNotice,
  kStartDate,
  kEndDate,
  kStandardOrder,
  kLicenseRequirement,
  kLicensePolicy,
  kCallSign,
  kVesselType,
  kGrossTonnage,
  kGrossRegisteredTonnage,
  kVesselFlag,
  kVesselOwner,
  kRemarks,
  kSourceListUrl,
  kAltNames,
  kCitizenships,
  kDatesOfBirth,
  kNationalities,
  kPlacesOfBirth,
  kSourceInformationUrl,
  kIds,
};

bool IsHeaderRow(const std::vector<std::string>& fields) {
  return fields.size() >= 3 && Trim(fields[0]) == "_id" && Trim(fields[1]) == "source" &&
         Trim(fields[2]) == "entity_number";
}

// The newest listing date among the entities: the CSL carries no publication date.
std::string NewestStartDate(const std::vector<Entity>& entities) {
  std::string newest;
  for (const Entity& e : entities)
    if (e.start_date.size() >= 4 && e.start_date > newest &&
        std::isdigit(static_cast<unsigned char>(e.start_date[0])))
      newest = e.start_date;
  return newest;
}

CslRecord RecordFromCsvFields(const std::vector<std::string>& f, bool ids_type_first) {
  CslRecord r;
  r.id = f[kId];
  r.source = f[kSource];
  r.entity_number = f[kEntityNumber];
  r.type = f[kType];
  r.programs = Split(f[kPrograms], ";");
  r.name = f[kName];
  r.title = f[kTitle];
  for (const std::string& a : Split(f[kAddresses], ";")) r.addresses.push_back(SplitCslAddress(a));
  r.federal_register_notice = f[kFederalRegisterNotice];
  r.start_date = f[kStartDate];
  r.end_date = f[kEndDate];
  r.standard_order = f[kStandardOrder];
  r.license_requirement = f[kLicenseRequirement];
  r.license_policy = f[kLicensePolicy];
  r.call_sign = f[kCallSign];
  r.vessel_type = f[kVesselType];
  r.gross_tonnage = f[kGrossTonnage];
  r.gross_registered_tonnage = f[kGrossRegisteredTonnage];
  r.vessel_flag = f[kVesselFlag];
  r.vessel_owner = f[kVesselOwner];
  r.remarks = f[kRemarks];
  r.source_list_url = f[kSourceListUrl];
  if (!Trim(f[kAltNames]).empty()) r.alt_names.push_back(f[kAltNames]);
  r.citizenships = Split(f[kCitizenships], ";");
  r.dates_of_birth = Split(f[kDatesOfBirth], ";");
  r.nationalities = Split(f[kNationalities], ";");
  r.places_of_birth = Split(f[kPlacesOfBirth], ";");
  r.source_information_url = f[kSourceInformationUrl];
  for (const std::string& id : Split(f[kIds], ";"))
    r.ids.push_back(SplitCslIdentifier(id, ids_type_first));
  return r;
}

// --- JSON ---------------------------------------------------------------------------------------

// A string member; numbers are written as text; null or absent -> "". Any other type is an error
// (returned through `error`, naming the key).
std::string JsonText(const nlohmann::json& obj, const char* key, std::string& error) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  if (error.empty()) error = std::string("\"") + key + "\" is not a string";
  return "";
}

// A list of strings; a single string is taken as a list of one.
std::vector<std::string> JsonTextList(const nlohmann::json& obj, const char* key,
                                      std::string& error) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
    return out;
  }
  if (!it->is_array()) {
    if (error.empty()) error = std::string("\"") + key + "\" is not a list";
    return out;
  }
  for (const nlohmann::json& v : *it) {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
    } else if (!v.is_null() && error.empty()) {
      error = std::string("\"") + key + "\" holds a non-string value";
    }
  }
  return out;
}

// A list of objects (addresses, ids); anything else is an error.
const nlohmann::json* JsonObjectList(const nlohmann::json& obj, const char* key,
                                     std::string& error) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  if (!it->is_array()) {
    if (error.empty()) error = std::string("\"") + key + "\" is not a list";
    return nullptr;
  }
  for (const nlohmann::json& v : *it)
    if (!v.is_object() && error.empty()) error = std::string("\"") + key + "\" holds a non-object";
  return &*it;
}

// The CslRecord of one JSON result, or an error message.
Result<CslRecord> RecordFromJson(const nlohmann::json& j) {
  if (!j.is_object()) return Status::Corrupt("record is not an object");
  std::string err;
  CslRecord r;
  r.id = JsonText(j, "_id", err);
  if (r.id.empty()) r.id = JsonText(j, "id", err);
  r.source = JsonText(j, "source", err);
  r.entity_number = JsonText(j, "entity_number", err);
  r.type = JsonText(j, "type", err);
  r.programs = JsonTextList(j, "programs", err);
  r.name = JsonText(j, "name", err);
  r.title = JsonText(j, "title", err);
  if (const nlohmann::json* list = JsonObjectList(j, "addresses", err)) {
    for (const nlohmann::json& a : *list) {
      if (!a.is_object()) continue;
      const std::string street = JsonText(a, "address", err);
      const std::string city = JsonText(a, "city", err);
      const std::string state = JsonText(a, "state", err);
      const std::string postal = JsonText(a, "postal_code", err);
      const std::string country = JsonText(a, "country", err);
      std::vector<std::string> parts;
      for (const std::string* p : {&street, &city, &state, &postal, &country})
        if (!Trim(*p).empty()) parts.emplace_back(Trim(*p));
      r.addresses.push_back({Join(parts, ", "), city, country});
    }
  }
  r.federal_register_notice = JsonText(j, "federal_register_notice", err);
  r.start_date = JsonText(j, "start_date", err);
  r.end_date = JsonText(j, "end_date", err);
  r.standard_order = JsonText(j, "standard_order", err);
  r.license_requirement = JsonText(j, "license_requirement", err);
  r.license_policy = JsonText(j, "license_policy", err);
  r.call_sign = JsonText(j, "call_sign", err);
  r.vessel_type = JsonText(j, "vessel_type", err);
  r.gross_tonnage = JsonText(j, "gross_tonnage", err);
  r.gross_registered_tonnage = JsonText(j, "gross_registered_tonnage", err);
  r.vessel_flag = JsonText(j, "vessel_flag", err);
  r.vessel_owner = JsonText(j, "vessel_owner", err);
  r.remarks = JsonText(j, "remarks", err);
  r.source_list_url = JsonText(j, "source_list_url", err);
  r.alt_names = JsonTextList(j, "alt_names", err);
  r.citizenships = JsonTextList(j, "citizenships", err);
  r.dates_of_birth = JsonTextList(j, "dates_of_birth", err);
  r.nationalities = JsonTextList(j, "nationalities", err);
  r.places_of_birth = JsonTextList(j, "places_of_birth", err);
  r.source_information_url = JsonText(j, "source_information_url", err);
  if (const nlohmann::json* list = JsonObjectList(j, "ids", err)) {
    for (const nlohmann::json& i : *list) {
      if (!i.is_object()) continue;
      CslIdentifier id;
      id.type = JsonText(i, "type", err);
      id.number = JsonText(i, "number", err);
      id.country = JsonText(i, "country", err);
      id.issue_date = JsonText(i, "issue_date", err);
      id.expiration_date = JsonText(i, "expiration_date", err);
      r.ids.push_back(std::move(id));
    }
  }
  if (!err.empty()) return Status::Corrupt(err);
  if (Trim(r.id).empty()) return Status::Corrupt("no \"_id\"");
  if (Trim(r.name).empty()) return Status::Corrupt("no \"name\"");
  return r;
}

}  // namespace

Result<ParsedList> ParseCslCsv(std::string_view csv, ParseLog& log) {
  CsvReader reader(csv);
  CsvRecord rec;
  ParsedList out;
  out.list_name = std::string(kCslListName);
  if (!reader.Next(rec) || rec.malformed || !IsHeaderRow(rec.fields))
    return Status::Corrupt(log.file() + ": not a trade.gov CSL CSV (line 1 is not the " +
                           "\"_id,source,entity_number,...\" header)");
  if (rec.fields.size() != kCslColumns)
    return Status::Corrupt(log.file() + ": CSL header has " + std::to_string(rec.fields.size()) +
                           " columns, expected " + std::to_string(kCslColumns));
  reader.set_expected_fields(kCslColumns);
  std::vector<CsvRecord> records;
  std::vector<std::string_view> ids_fields;
  while (reader.Next(rec)) {
    if (!rec.malformed && IsHeaderRow(rec.fields)) continue;  // repeated header (2023-11 excerpt)
    records.push_back(std::move(rec));
  }
  for (const CsvRecord& r : records)
    if (!r.malformed && r.fields.size() == kCslColumns) ids_fields.push_back(r.fields[kIds]);
  const bool ids_type_first = CslIdsAreTypeFirst(ids_fields);
  out.entities.reserve(records.size());
  for (const CsvRecord& rec : records) {
    log.CountRecord();
    if (rec.malformed) {
      log.Skip(rec.line, "malformed CSV record: " + rec.error);
      continue;
    }
    if (rec.fields.size() != kCslColumns) {
      log.Skip(rec.line, "expected " + std::to_string(kCslColumns) + " fields, found " +
                             std::to_string(rec.fields.size()));
      continue;
    }
    if (Trim(rec.fields[kId]).empty() || Trim(rec.fields[kName]).empty()) {
      log.Skip(rec.line, "record without _id or name");
      continue;
    }
    // Names and addresses end up in JSON output: a record that is not UTF-8 cannot be kept
    // (found by fuzz_csl_csv).
    if (!std::all_of(rec.fields.begin(), rec.fields.end(),
                     [](const std::string& f) { return IsValidUtf8(f); })) {
      log.Skip(rec.line, "record is not valid UTF-8");
      continue;
    }
    out.entities.push_back(CslRecordToEntity(RecordFromCsvFields(rec.fields, ids_type_first)));
  }
  out.published = NewestStartDate(out.entities);
  return out;
}

Result<ParsedList> ParseCslJson(std::string_view json, ParseLog& log) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return Status::Corrupt(log.file() + ": not valid JSON (truncated or damaged)");
  const nlohmann::json* results = nullptr;
  if (doc.is_array()) {
    results = &doc;
  } else if (doc.is_object() && doc.contains("results") && doc["results"].is_array()) {
    results = &doc["results"];
  } else {
    return Status::Corrupt(log.file() +
                           ": not a CSL JSON document (expected {\"results\": [...]} or an array)");
  }
  ParsedList out;
  out.list_name = std::string(kCslListName);
  out.entities.reserve(results->size());
  uint64_t index = 0;
  for (const nlohmann::json& item : *results) {
    ++index;
    log.CountRecord();
    auto record = RecordFromJson(item);
    if (!record.ok()) {
      log.Skip(index, "results[" + std::to_string(index - 1) + "]: " + record.status().message());
      continue;
    }
    out.entities.push_back(CslRecordToEntity(*record));
  }
  out.published = NewestStartDate(out.entities);
  return out;
}

}  // namespace partyscreen
