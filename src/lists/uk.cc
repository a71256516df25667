// HM Treasury / OFSI Consolidated List of Financial Sanctions Targets: the pre-2022 CSV
// (sanctionsconlist.csv, Windows-1252) and the 2022-layout workbook (.xlsx). Both become rows of
// text cells; one mapping (UkListBuilder) turns rows into entities, locating columns by header name
// so either layout works. Layout and quirks: docs/lists/UK_FTM.md.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/csv.h"
#include "core/dates.h"
#include "core/strings.h"
#include "lists/encoding.h"
#include "lists/ofac_entity.h"
#include "lists/parsers.h"
#include "lists/xlsx.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

constexpr std::string_view kUkListName = "UK HM Treasury Consolidated List";
constexpr size_t kHeaderSearchRows = 10;  // the header is row 2; allow a few extra preamble rows

// Splits "1) Saudi Arabia 2) Qatar" or "(1) German (2) Moroccan" into its items; text without
// numbering comes back whole.
std::vector<std::string> SplitNumbered(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    if (text[j] == '(') ++j;
    const size_t digits_start = j;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9' && j - digits_start < 3) ++j;
    const bool at_word_start = i == 0 || text[i - 1] == ' ';
    if (at_word_start && j > digits_start && j < text.size() && text[j] == ')') {
      items.push_back(current);
      current.clear();
      i = j + 1;
      continue;
    }
    current += text[i++];
  }
  items.push_back(current);
  std::vector<std::string> out;
  for (const std::string& item : items) AddUnique(out, Trim(item));
  return out;
}

// "(UK Sanctions List Ref):GHR0075. (UK Statement of Reasons):..." -> "GHR0075": the word after
// `label` (these tags hold one-word values: references, "Male"), without a final full stop.
std::string TaggedValue(std::string_view text, std::string_view label) {
  const size_t at = text.find(label);
  if (at == std::string_view::npos) return "";
  std::string_view rest = Trim(text.substr(at + label.size()));
  rest = rest.substr(0, rest.find_first_of(" \t\r\n"));
  while (!rest.empty() && (rest.back() == '.' || rest.back() == ',' || rest.back() == ';'))
    rest.remove_suffix(1);
  return std::string(rest);
}

// Column positions from the header row, looked up by name (case-insensitive).
class HeaderIndex {
 public:
  explicit HeaderIndex(const std::vector<std::string>& header) {
    for (size_t i = 0; i < header.size(); ++i) {
      const std::string key = AsciiLower(Trim(header[i]));
      if (!key.empty()) columns_.emplace(key, i);  // the first of two equal names wins
    }
  }
  bool Has(std::string_view name) const { return columns_.count(AsciiLower(name)) > 0; }
  size_t Width() const { return width_; }
  void set_width(size_t width) { width_ = width; }
  std::string_view Get(const SheetRow& row, std::string_view name) const {
    auto it = columns_.find(AsciiLower(name));
    if (it == columns_.end() || it->second >= row.cells.size()) return {};
    return Trim(row.cells[it->second]);
  }

 private:
  std::unordered_map<std::string, size_t> columns_;
  size_t width_ = 0;
};

struct PendingEntity {
  Entity entity;
  std::vector<std::string> remarks;
};

// Turns the rows after the header into one Entity per Group ID (the list has one row per name).
class UkListBuilder {
 public:
  UkListBuilder(const HeaderIndex& header, ParseLog& log) : h_(header), log_(log) {}

  void AddRow(const SheetRow& row) {
    const std::string group(h_.Get(row, "Group ID"));
    if (group.empty()) return log_.Skip(row.number, "row has no Group ID");
    const std::string name = ComposedName(row);
    const std::string_view non_latin = h_.Get(row, "Name Non-Latin Script");
    if (name.empty() && non_latin.empty())
      return log_.Skip(row.number, "row for Group ID " + group + " has no name");

    auto [it, added] = index_.emplace(group, pending_.size());
    if (added) {
      pending_.emplace_back();
      Entity& e = pending_.back().entity;
      e.id = "uk:" + group;
      e.source = "uk";
      e.list = std::string(kUkListName);
      e.schema = ParseSchema(h_.Get(row, "Group Type"));
    }
    PendingEntity& pending = pending_[it->second];
    AddNames(row, name, non_latin, pending.entity);
    AddFacts(row, pending);
  }

  std::vector<Entity> Finish() {
    std::vector<Entity> entities;
    entities.reserve(pending_.size());
    for (PendingEntity& p : pending_) {
      Entity& e = p.entity;
      if (e.name.empty() &&
          !e.aliases.empty()) {  // no "Primary name" row: the first name stands in
        e.name = e.aliases.front().name;
        e.aliases.erase(e.aliases.begin());
      }
      e.remarks = Join(p.remarks, " ");
      FinishOfacEntity(e);
      entities.push_back(std::move(e));
    }
    return entities;
  }

 private:
  // "Name 1".."Name 5" are given and middle names, "Name 6" the surname (or an entity's name).
  std::string ComposedName(const SheetRow& row) const {
    std::vector<std::string> parts;
    for (std::string_view column : {"Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"}) {
      const std::string_view part = h_.Get(row, column);
      if (!part.empty()) parts.emplace_back(part);
    }
    return CollapseSpaces(Join(parts, " "));
  }

  void AddNames(const SheetRow& row, const std::string& name, std::string_view non_latin,
                Entity& e) const {
    const std::string alias_type = AsciiLower(h_.Get(row, "Alias Type"));
    const bool primary = alias_type == "primary name" || alias_type == "prime alias";
    const AliasQuality quality = StartsWith(AsciiLower(h_.Get(row, "Alias Quality")), "low")
                                     ? AliasQuality::kWeak
                                     : AliasQuality::kStrong;
    if (!name.empty()) {
      if (primary && e.name.empty()) {
        e.name = name;
      } else {
        Alias alias;
        alias.name = name;
        alias.quality = quality;
        alias.type = alias_type == "fka"                      ? "fka"
                     : alias_type == "primary name variation" ? "variation"
                                                              : "aka";
        e.aliases.push_back(std::move(alias));
      }
    }
    if (!non_latin.empty()) {
      Alias alias;
      alias.name = CollapseSpaces(non_latin);
      alias.type = "original_script";
      alias.script = ScriptOf(alias.name);
      if (alias.script.empty()) alias.script = std::string(h_.Get(row, "Non-Latin Script Type"));
      e.aliases.push_back(std::move(alias));
    }
  }

  void AddFacts(const SheetRow& row, PendingEntity& pending) const {
    Entity& e = pending.entity;
    if (e.title.empty()) e.title = std::string(h_.Get(row, "Title"));
    for (const std::string& dob : SplitNumbered(h_.Get(row, "DOB")))
      AddUnique(e.birth_dates, ToIsoDate(dob, DateOrder::kDayFirst));
    std::vector<std::string> birth_place;
    for (std::string_view column : {"Town of Birth", "Country of Birth"})
      if (!h_.Get(row, column).empty()) birth_place.emplace_back(h_.Get(row, column));
    AddUnique(e.birth_places, Join(birth_place, ", "));
    for (const std::string& n : SplitNumbered(h_.Get(row, "Nationality")))
      AddUnique(e.nationalities, NormalizeCountry(n));

    AddIdentifiers(row, "Passport", h_.Get(row, "Passport Number"), h_.Get(row, "Passport Details"),
                   e);
    AddIdentifiers(row, "National ID No.", h_.Get(row, "National Identification Number"),
                   h_.Get(row, "National Identification Details"), e);
    AddIdentifiers(row, "National ID No.", h_.Get(row, "NI Number"), "", e);

    std::vector<std::string_view> street;
    for (std::string_view column :
         {"Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6"})
      street.push_back(h_.Get(row, column));
    const size_t addresses = e.addresses.size();
    AddOfacAddress(e, street, "", h_.Get(row, "Post/Zip Code"), h_.Get(row, "Country"));
    if (e.addresses.size() > addresses) {  // every name row repeats the group's address
      const std::string& full = e.addresses.back().full;
      if (std::any_of(e.addresses.begin(), e.addresses.end() - 1,
                      [&](const Address& a) { return a.full == full; }))
        e.addresses.pop_back();
    }

    AddUnique(e.programs, h_.Get(row, "Regime"));
    const std::string listed = ToIsoDate(h_.Get(row, "Listed On"), DateOrder::kDayFirst);
    if (!listed.empty() && (e.start_date.empty() || listed < e.start_date)) e.start_date = listed;

    const std::string_view other = h_.Get(row, "Other Information");
    const std::string uk_ref = TaggedValue(other, "(UK Sanctions List Ref):");
    if (!uk_ref.empty()) e.identifiers.push_back({"UK Sanctions List Ref", uk_ref, "", ""});
    const std::string un_ref = TaggedValue(other, "(UN Ref):");
    if (!un_ref.empty()) e.identifiers.push_back({"UN Reference Number", un_ref, "", ""});
    if (e.gender.empty()) e.gender = TaggedValue(other, "(Gender):");
    const std::string_view position = h_.Get(row, "Position");
    if (!position.empty()) AddUnique(pending.remarks, "Position: " + std::string(position) + ".");
    AddUnique(pending.remarks, other);
  }

  // A number column (2022 layout) with its details column, or a details column alone (2018).
  static void AddIdentifiers(const SheetRow&, std::string_view type, std::string_view number,
                             std::string_view details, Entity& e) {
    if (!number.empty()) {
      for (const std::string& n : SplitNumbered(number))
        e.identifiers.push_back({std::string(type), n, "", std::string(details)});
      return;
    }
    for (const std::string& d : SplitNumbered(details))
      e.identifiers.push_back({std::string(type), d, "", ""});
  }

  const HeaderIndex& h_;
  ParseLog& log_;
  std::unordered_map<std::string, size_t> index_;  // Group ID -> pending_ position
  std::vector<PendingEntity> pending_;             // in order of first appearance
};

bool IsHeader(const SheetRow& row) {
  const HeaderIndex h(row.cells);
  return h.Has("Group ID") && h.Has("Name 6");
}

// The shared part of both parsers: finds the header (and the "Last Updated" row above it), then
// maps every later row. `fixed_width` (CSV) makes a row with a different number of fields than the
// header a skipped row; workbook rows omit trailing empty cells, so it is off for them.
Result<ParsedList> ParseUkRows(const std::vector<SheetRow>& rows, bool fixed_width, ParseLog& log) {
  ParsedList list;
  list.list_name = std::string(kUkListName);
  size_t header_at = rows.size();
  for (size_t i = 0; i < rows.size() && i < kHeaderSearchRows; ++i) {
    if (rows[i].error.empty() && IsHeader(rows[i])) {
      header_at = i;
      break;
    }
    if (!rows[i].cells.empty() && IEquals(Trim(rows[i].cells[0]), "Last Updated") &&
        rows[i].cells.size() > 1)
      list.published = ToIsoDate(rows[i].cells[1], DateOrder::kDayFirst);
  }
  if (header_at == rows.size())
    return Status::Corrupt(
        log.file() + ": no header row with 'Name 6' and 'Group ID' columns in the first " +
        std::to_string(kHeaderSearchRows) + " rows; not an HM Treasury consolidated list");
  HeaderIndex header(rows[header_at].cells);
  const size_t width = rows[header_at].cells.size();

  UkListBuilder builder(header, log);
  for (size_t i = header_at + 1; i < rows.size(); ++i) {
    const SheetRow& row = rows[i];
    log.CountRecord();
    if (!row.error.empty()) {
      log.Skip(row.number, row.error);
    } else if (fixed_width && row.cells.size() != width) {
      log.Skip(row.number, "expected " + std::to_string(width) +
                               " fields as in the header, found " +
                               std::to_string(row.cells.size()));
    } else {
      builder.AddRow(row);
    }
  }
  list.entities = builder.Finish();
  return list;
}

}  // namespace

Result<ParsedList> ParseUkHmtCsv(std::string_view csv, ParseLog& log) {
  if (StartsWith(csv, "\xEF\xBB\xBF")) csv.remove_prefix(3);
  // HMT published Windows-1252 before 2022; accept UTF-8 when the whole file is valid UTF-8. The
  // delimiters and quotes are ASCII in both, so fields are split first and decoded one by one.
  const bool utf8 = IsValidUtf8(csv);
  std::vector<SheetRow> rows;
  CsvReader reader(csv);
  CsvRecord record;
  while (reader.Next(record)) {
    SheetRow row;
    row.number = record.line;
    if (record.malformed) row.error = "malformed CSV row: " + record.error;
    for (std::string& field : record.fields) {
      if (utf8) {
        row.cells.push_back(std::move(field));
        continue;
      }
      auto decoded = Windows1252ToUtf8(field);
      if (!decoded.ok()) {
        row.error =
            "field " + std::to_string(row.cells.size() + 1) + ": " + decoded.status().message();
        row.cells.emplace_back();
      } else {
        row.cells.push_back(std::move(decoded).value());
      }
    }
    rows.push_back(std::move(row));
  }
  return ParseUkRows(rows, /*fixed_width=*/true, log);
}

Result<ParsedList> ParseUkOfsiXlsx(std::string_view xlsx, ParseLog& log) {
  auto sheet = ReadFirstWorksheet(xlsx, log.file());
  if (!sheet.ok()) return sheet.status();
  // A sheet cut short or damaged part-way is refused: its rows after the damage would be lost.
  if (!sheet->damage.empty()) {
    const uint64_t last = sheet->rows.empty() ? 0 : sheet->rows.back().number;
    return Status::Corrupt(sheet->damage + " after row " + std::to_string(last) +
                           "; refused, nothing loaded from it");
  }
  return ParseUkRows(sheet->rows, /*fixed_width=*/false, log);
}

}  // namespace partyscreen
