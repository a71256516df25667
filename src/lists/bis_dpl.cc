// BIS Denied Persons List, tab-delimited (dpl.txt): header + one record per line, 12 columns
// (Name, Street_Address, City, State, Country, Postal_Code, Effective_Date, Expiration_Date,
// Standard_Order, Last_Update, Action, FR_Citation), every field double-quoted, MM/DD/YYYY dates.
// The file has no id column: ids are a hash of the fields that identify an order, so they survive
// re-publication of the file.
#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/csv.h"
#include "core/dates.h"
#include "core/sha256.h"
#include "core/strings.h"
#include "lists/ofac_entity.h"
#include "lists/parsers.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

constexpr std::array<std::string_view, 12> kColumns = {
    "name",           "street_address",  "city",           "state",       "country", "postal_code",
    "effective_date", "expiration_date", "standard_order", "last_update", "action",  "fr_citation"};

enum Column {
  kName,
  kStreet,
  kCity,
  kState,
  kCountry,
  kPostal,
  kEffective,
  kExpiration,
  kOrder,
  kLastUpdate,
  kAction,
  kFr
};

bool IsHeader(const std::vector<std::string>& f) {
  return !f.empty() && IEquals(Trim(f[0]), "name");
}

}  // namespace

Result<ParsedList> ParseBisDpl(std::string_view data, ParseLog& log) {
  if (!IsValidUtf8(data)) return Status::Corrupt(log.file() + ": not UTF-8 text");
  CsvReader reader(data, CsvOptions{'\t', false, false, kColumns.size()});
  CsvRecord rec;
  if (!reader.Next(rec) || rec.malformed || rec.fields.size() != kColumns.size() ||
      !std::equal(
          kColumns.begin(), kColumns.end(), rec.fields.begin(),
          [](std::string_view want, const std::string& got) { return IEquals(Trim(got), want); }))
    return Status::Corrupt(log.file() +
                           " line 1: not a BIS Denied Persons file (expected the 12-column header "
                           "Name, Street_Address, ..., FR_Citation)");
  ParsedList out;
  std::unordered_map<std::string, uint64_t>
      line_of_row;  // whole row -> first line, to spot repeats
  out.list_name = "Denied Persons List (DPL) - Bureau of Industry and Security";
  while (reader.Next(rec)) {
    if (IsHeader(rec.fields)) continue;  // a repeated header row is not a record
    log.CountRecord();
    if (rec.malformed) {
      log.Skip(rec.line, rec.error);
      continue;
    }
    if (rec.fields.size() != kColumns.size()) {
      log.Skip(rec.line,
               "expected 12 tab-separated fields, got " + std::to_string(rec.fields.size()));
      continue;
    }
    const auto field = [&](Column c) { return std::string(Trim(rec.fields[c])); };
    // The published file repeats a few rows verbatim: one party, one order. Keep it once, say so.
    const auto [first, inserted] = line_of_row.emplace(Join(rec.fields, "\t"), rec.line);
    if (!inserted) {
      log.Note(rec.line, "exact repeat of the record on line " + std::to_string(first->second) +
                             "; kept once");
      continue;
    }
    Entity e;
    e.name = CollapseSpaces(field(kName));
    if (e.name.empty()) {
      log.Skip(rec.line, "empty Name");
      continue;
    }
    e.source = "bis-dpl";
    e.list = out.list_name;
    e.schema = Schema::kUnknown;  // the DPL mixes persons and firms and does not say which
    e.start_date = ToIsoDate(field(kEffective), DateOrder::kMonthFirst);
    e.end_date = ToIsoDate(field(kExpiration), DateOrder::kMonthFirst);
    e.standard_order = field(kOrder);
    e.federal_register = field(kFr);
    const std::string action = field(kAction);
    if (!action.empty())
      e.remarks = "Last action: " + action +
                  (field(kLastUpdate).empty() ? "" : " (" + field(kLastUpdate) + ")");
    AddOfacAddress(e, {field(kStreet)}, field(kCity), Join({field(kState), field(kPostal)}, " "),
                   field(kCountry));
    const std::string key =
        Join({e.name, field(kStreet), field(kCity), field(kCountry), field(kEffective)}, "|");
    e.id = "bis-dpl:" + Sha256Hex(key).substr(0, 16);
    if (e.start_date > out.published) out.published = e.start_date;
    out.entities.push_back(std::move(e));
  }
  return out;
}

}  // namespace partyscreen
