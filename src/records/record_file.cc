#include "records/record_file.h"

#include <algorithm>
#include <vector>

#include "core/csv.h"
#include "core/strings.h"

namespace partyscreen {

namespace {

Status ForEachJsonLine(std::string_view text, const RecordCallback& each, size_t max_name_chars) {
  uint64_t line = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    const std::string_view row = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (row.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(row, nullptr, /*allow_exceptions=*/false);
    Result<Query> record = j.is_object()
                               ? QueryFromJson(j, "", max_name_chars)
                               : Result<Query>(Status::InvalidArgument("not a JSON object"));
    if (Status s = each(line, std::move(record)); !s.ok()) return s;
  }
  return Status::Ok();
}

Status ForEachCsvRow(std::string_view text, std::string_view label, bool require_id,
                     const RecordCallback& each, size_t max_name_chars) {
  // The delimiter is the header line's: a comma, else a semicolon (spreadsheets in many locales
  // write those) or a tab.
  const std::string_view header_line = text.substr(0, text.find('\n'));
  CsvOptions options;
  if (header_line.find(',') == std::string_view::npos) {
    if (header_line.find(';') != std::string_view::npos)
      options.delimiter = ';';
    else if (header_line.find('\t') != std::string_view::npos)
      options.delimiter = '\t';
  }
  CsvReader reader(text, options);
  CsvRecord rec;
  if (!reader.Next(rec)) return Status::Ok();
  std::vector<std::string> header;
  for (const std::string& h : rec.fields) header.push_back(AsciiLower(Trim(h)));
  reader.set_expected_fields(header.size());
  auto column = [&](std::string_view name) -> int {
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int c_id = column("id"), c_name = column("name"), c_schema = column("schema"),
            c_country = column("country"), c_birth = column("birth_date"),
            c_ids = column("identifiers");
  if (c_name < 0 || (require_id && c_id < 0))
    return Status::InvalidArgument(std::string(label) + " line " + std::to_string(rec.line) +
                                   ": the CSV header must name the columns " +
                                   (require_id ? "id and name" : "name (and usually id)") +
                                   "; it has: " + Join(header, ", "));
  while (reader.Next(rec)) {
    Result<Query> record = Status::InvalidArgument(rec.error);
    if (!rec.malformed && rec.fields.size() != header.size()) {
      record = Status::InvalidArgument("expected " + std::to_string(header.size()) +
                                       " fields, got " + std::to_string(rec.fields.size()));
    } else if (!rec.malformed) {
      auto field = [&](int c) { return c >= 0 ? rec.fields[c] : std::string(); };
      record = QueryFromFields({field(c_id), field(c_name), field(c_schema), field(c_country),
                                field(c_birth), field(c_ids)},
                               "", max_name_chars);
    }
    if (Status s = each(rec.line, std::move(record)); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Status ForEachRecord(std::string_view text, std::string_view label, bool require_id,
                     const RecordCallback& each, size_t max_name_chars) {
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return Status::Ok();
  if (text[first] == '{') return ForEachJsonLine(text, each, max_name_chars);
  return ForEachCsvRow(text, label, require_id, each, max_name_chars);
}

}  // namespace partyscreen
