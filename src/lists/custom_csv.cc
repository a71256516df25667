// An organisation's own list (parties it must not deal with that no government publishes, e.g.
// officials under visa restrictions): a simple UTF-8 CSV with a header naming its columns.
// The format is documented, with an example, in docs/CUSTOM_LISTS.md.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/csv.h"
#include "core/dates.h"
#include "core/strings.h"
#include "lists/encoding.h"
#include "lists/ofac_entity.h"
#include "lists/parsers.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

constexpr std::string_view kDefaultListName = "Custom list";

// Every column the format knows; any other column is reported once and ignored.
constexpr std::string_view kKnownColumns[] = {"id",
                                              "name",
                                              "aliases",
                                              "schema",
                                              "countries",
                                              "nationalities",
                                              "birth_dates",
                                              "identifiers",
                                              "programs",
                                              "list",
                                              "remarks",
                                              "legal_basis",
                                              "federal_register",
                                              "start_date",
                                              "end_date",
                                              "source_url",
                                              "title",
                                              "gender"};

class Columns {
 public:
  explicit Columns(const std::vector<std::string>& header) {
    for (size_t i = 0; i < header.size(); ++i) index_.emplace(AsciiLower(Trim(header[i])), i);
  }
  bool Has(std::string_view name) const { return index_.count(std::string(name)) > 0; }
  std::string_view Get(const CsvRecord& row, std::string_view name) const {
    auto it = index_.find(std::string(name));
    if (it == index_.end() || it->second >= row.fields.size()) return {};
    return Trim(row.fields[it->second]);
  }
  const std::unordered_map<std::string, size_t>& index() const { return index_; }

 private:
  std::unordered_map<std::string, size_t> index_;
};

std::vector<std::string> SplitList(std::string_view text) { return Split(text, ";"); }

// Builds the entity of one row; "" on success, else why the row is skipped.
std::string EntityFromRow(const Columns& c, const CsvRecord& row, Entity& e) {
  const std::string_view id = c.Get(row, "id");
  const std::string name = CollapseSpaces(c.Get(row, "name"));
  if (id.empty()) return "no id";
  if (name.empty()) return "no name";
  e.id = "custom:" + std::string(id);
  e.source = "custom";
  e.name = name;
  const std::string_view list = c.Get(row, "list");
  e.list = list.empty() ? std::string(kDefaultListName) : std::string(list);
  const std::string_view schema = c.Get(row, "schema");
  e.schema = schema.empty() ? Schema::kUnknown : ParseSchema(schema);
  if (!schema.empty() && e.schema == Schema::kUnknown)
    return "schema '" + std::string(schema.substr(0, 40)) +
           "' is not Person, Organization, Vessel or Aircraft";
  for (const std::string& alias : SplitList(c.Get(row, "aliases"))) {
    Alias a;
    a.name = CollapseSpaces(alias);
    a.type = "aka";
    a.script = ScriptOf(a.name);
    e.aliases.push_back(std::move(a));
  }
  for (const std::string& country : SplitList(c.Get(row, "countries")))
    AddUnique(e.countries, NormalizeCountry(country));
  for (const std::string& n : SplitList(c.Get(row, "nationalities")))
    AddUnique(e.nationalities, NormalizeCountry(n));
  for (const std::string& d : SplitList(c.Get(row, "birth_dates"))) {
    const std::string iso = ToIsoDate(d);
    if (iso.empty())
      return "birth date '" + d.substr(0, 40) +
             "' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)";
    AddUnique(e.birth_dates, iso);
  }
  for (const std::string& item : SplitList(c.Get(row, "identifiers"))) {
    const size_t colon = item.find(':');
    if (colon == std::string::npos || Trim(item.substr(colon + 1)).empty())
      return "identifier '" + item.substr(0, 40) + "' is not type:value";
    e.identifiers.push_back({std::string(Trim(item.substr(0, colon))),
                             std::string(Trim(item.substr(colon + 1))), "", ""});
  }
  for (const std::string& program : SplitList(c.Get(row, "programs")))
    AddUnique(e.programs, program);
  e.remarks = std::string(c.Get(row, "remarks"));
  e.title = std::string(c.Get(row, "title"));
  e.gender = std::string(c.Get(row, "gender"));
  e.federal_register =
      std::string(!c.Get(row, "legal_basis").empty() ? c.Get(row, "legal_basis")
                                                     : c.Get(row, "federal_register"));
  for (auto [column, field] :
       {std::pair{"start_date", &e.start_date}, std::pair{"end_date", &e.end_date}}) {
    const std::string_view text = c.Get(row, column);
    if (text.empty()) continue;
    *field = ToIsoDate(text);
    if (field->empty())
      return std::string(column) + " '" + std::string(text.substr(0, 40)) + "' is not a date";
  }
  e.source_url = std::string(c.Get(row, "source_url"));
  FinishOfacEntity(e);
  return "";
}

}  // namespace

Result<ParsedList> ParseCustomCsv(std::string_view csv, ParseLog& log) {
  if (StartsWith(csv, "\xEF\xBB\xBF")) csv.remove_prefix(3);
  if (!IsValidUtf8(csv)) {
    size_t line = 1, at = 0;
    // Name the first line that is not UTF-8, so the author can fix it.
    for (size_t start = 0; start < csv.size(); ++line) {
      size_t end = csv.find('\n', start);
      if (end == std::string_view::npos) end = csv.size();
      if (!IsValidUtf8(csv.substr(start, end - start))) {
        at = line;
        break;
      }
      start = end + 1;
    }
    return Status::InvalidArgument(
        log.file() + " line " + std::to_string(at) +
        ": not valid UTF-8; save the custom list as UTF-8 (docs/CUSTOM_LISTS.md)");
  }
  CsvReader reader(csv);
  CsvRecord header;
  if (!reader.Next(header) || header.malformed)
    return Status::InvalidArgument(
        log.file() + ": empty or unreadable header row; a custom list starts with a header");
  reader.set_expected_fields(header.fields.size());
  const Columns columns(header.fields);
  if (!columns.Has("id") || !columns.Has("name"))
    return Status::InvalidArgument(
        log.file() + " line " + std::to_string(header.line) +
        ": header must name the columns 'id' and 'name' (docs/CUSTOM_LISTS.md)");
  for (const std::string& column : header.fields) {
    const std::string key = AsciiLower(Trim(column));
    if (std::find(std::begin(kKnownColumns), std::end(kKnownColumns), key) ==
        std::end(kKnownColumns))
      log.Note(header.line, "unknown column '" + key.substr(0, 40) + "' ignored");
  }

  ParsedList list;
  list.list_name = std::string(kDefaultListName);
  std::unordered_set<std::string> ids;
  CsvRecord row;
  while (reader.Next(row)) {
    log.CountRecord();
    if (row.malformed) {
      log.Skip(row.line, "malformed CSV row: " + row.error);
      continue;
    }
    if (row.fields.size() != header.fields.size()) {
      log.Skip(row.line, "expected " + std::to_string(header.fields.size()) +
                             " fields as in the header, found " +
                             std::to_string(row.fields.size()));
      continue;
    }
    Entity e;
    const std::string problem = EntityFromRow(columns, row, e);
    if (!problem.empty()) {
      log.Skip(row.line, problem);
      continue;
    }
    if (!ids.insert(e.id).second) {
      log.Skip(row.line, "id '" + e.id.substr(7) + "' repeats an earlier row");
      continue;
    }
    list.entities.push_back(std::move(e));
  }
  return list;
}

}  // namespace partyscreen
