#include "lists/xlsx.h"

#include <pugixml.hpp>
#include <utility>

#include "core/input.h"
#include "core/strings.h"

namespace partyscreen {

namespace {

constexpr int kMaxColumns = 16384;  // Excel's limit (XFD)

// Local name of an element or attribute: "x:row" -> "row" (workbooks may use prefixes).
std::string_view LocalName(std::string_view name) {
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c : node.children())
    if (LocalName(c.name()) == local) return c;
  return {};
}

// Text of a shared or inline string item: its <t>, or the <t> of each rich-text run <r>.
std::string StringItemText(pugi::xml_node item) {
  std::string text;
  for (pugi::xml_node c : item.children()) {
    const std::string_view name = LocalName(c.name());
    if (name == "t") {
      text += c.text().get();
    } else if (name == "r") {
      if (pugi::xml_node t = Child(c, "t")) text += t.text().get();
    }
  }
  return text;
}

Result<pugi::xml_document> ParseMember(std::string_view xlsx, std::string_view member,
                                       std::string_view label, std::string& damage) {
  auto bytes = ReadZipMember(xlsx, member, label);
  if (!bytes.ok()) return bytes.status();
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(bytes->data(), bytes->size());
  if (!parsed)
    damage = std::string(label) + ": " + std::string(member) + " is not well-formed XML (" +
             parsed.description() + " at byte " + std::to_string(parsed.offset) + ")";
  return doc;
}

// The worksheet part of the first <sheet> in the workbook, e.g. "xl/worksheets/sheet1.xml".
Result<std::string> FirstSheetPath(std::string_view xlsx, std::string_view label) {
  std::string damage;
  auto workbook = ParseMember(xlsx, "xl/workbook.xml", label, damage);
  if (!workbook.ok()) return workbook.status();
  if (!damage.empty()) return Status::Corrupt(damage);
  pugi::xml_node sheet = Child(Child(Child(*workbook, "workbook"), "sheets"), "sheet");
  if (!sheet) return Status::Corrupt(std::string(label) + ": xl/workbook.xml lists no worksheet");
  std::string rel_id;
  for (pugi::xml_attribute a : sheet.attributes())
    if (LocalName(a.name()) == "id") rel_id = a.value();

  auto rels = ParseMember(xlsx, "xl/_rels/workbook.xml.rels", label, damage);
  if (!rels.ok() || !damage.empty() || rel_id.empty())
    return std::string("xl/worksheets/sheet1.xml");
  for (pugi::xml_node rel : Child(*rels, "Relationships").children()) {
    if (rel.attribute("Id").value() != rel_id) continue;
    std::string target = rel.attribute("Target").value();
    if (StartsWith(target, "/")) return target.substr(1);
    return "xl/" + target;
  }
  return Status::Corrupt(std::string(label) + ": no relationship " + rel_id +
                         " for the first worksheet");
}

Result<std::vector<std::string>> SharedStrings(std::string_view xlsx, std::string_view label) {
  std::string damage;
  auto doc = ParseMember(xlsx, "xl/sharedStrings.xml", label, damage);
  if (!doc.ok()) {
    if (doc.status().code() == Status::Code::kNotFound) return std::vector<std::string>{};
    return doc.status();
  }
  if (!damage.empty()) return Status::Corrupt(damage);
  std::vector<std::string> strings;
  for (pugi::xml_node si : Child(*doc, "sst").children())
    if (LocalName(si.name()) == "si") strings.push_back(StringItemText(si));
  return strings;
}

// Splits "AB12" into its column letters.
std::string_view ColumnLetters(std::string_view ref) {
  size_t n = 0;
  while (n < ref.size() && ((ref[n] >= 'A' && ref[n] <= 'Z') || (ref[n] >= 'a' && ref[n] <= 'z')))
    ++n;
  return ref.substr(0, n);
}

void ReadCell(pugi::xml_node cell, const std::vector<std::string>& shared, SheetRow& row,
              int& next_column) {
  int column = next_column;
  if (pugi::xml_attribute ref = cell.attribute("r")) {
    column = ColumnIndex(ColumnLetters(ref.value()));
    if (column < 0) {
      row.error =
          std::string("bad cell reference '") + std::string(ref.value()).substr(0, 20) + "'";
      return;
    }
  }
  if (column >= kMaxColumns) {
    row.error = "more than " + std::to_string(kMaxColumns) + " columns";
    return;
  }
  next_column = column + 1;
  const std::string_view type = cell.attribute("t").value();
  std::string value;
  if (type == "inlineStr") {
    value = StringItemText(Child(cell, "is"));
  } else {
    const std::string_view v = Child(cell, "v").text().get();
    if (type == "s") {
      uint64_t index = 0;
      bool digits = !v.empty() && v.size() < 12;
      for (char c : v) {
        digits = digits && c >= '0' && c <= '9';
        if (digits) index = index * 10 + static_cast<uint64_t>(c - '0');
      }
      if (!digits || index >= shared.size()) {
        row.error = "cell " + std::string(cell.attribute("r").value()).substr(0, 20) +
                    " refers to shared string '" + std::string(v.substr(0, 20)) +
                    "' that does not exist";
        return;
      }
      value = shared[index];
    } else {
      value = std::string(v);
    }
  }
  if (value.empty()) return;
  if (!IsValidUtf8(value)) {  // pugixml passes invalid byte sequences through
    row.error = "cell in column " + std::to_string(column + 1) + " is not valid UTF-8";
    return;
  }
  if (row.cells.size() <= static_cast<size_t>(column))
    row.cells.resize(static_cast<size_t>(column) + 1);
  row.cells[static_cast<size_t>(column)] = std::move(value);
}

}  // namespace

int ColumnIndex(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return -1;
  int index = 0;
  for (char c : letters) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return -1;
    index = index * 26 + (c - 'A' + 1);
  }
  return index <= kMaxColumns ? index - 1 : -1;
}

Result<Worksheet> ReadFirstWorksheet(std::string_view xlsx, std::string_view label) {
  if (!IsZip(xlsx))
    return Status::Corrupt(std::string(label) + ": not an xlsx workbook (not a zip archive)");
  auto path = FirstSheetPath(xlsx, label);
  if (!path.ok()) return path.status();
  auto shared = SharedStrings(xlsx, label);
  if (!shared.ok()) return shared.status();

  Worksheet sheet;
  auto doc = ParseMember(xlsx, *path, label, sheet.damage);
  if (!doc.ok()) return doc.status();
  pugi::xml_node data = Child(Child(*doc, "worksheet"), "sheetData");
  if (!data && sheet.damage.empty())
    return Status::Corrupt(std::string(label) + ": " + *path + " has no <sheetData>");
  uint64_t next_row = 1;
  for (pugi::xml_node r : data.children()) {
    if (LocalName(r.name()) != "row") continue;
    SheetRow row;
    row.number = r.attribute("r").as_ullong(next_row);
    next_row = row.number + 1;
    int next_column = 0;
    for (pugi::xml_node c : r.children()) {
      if (LocalName(c.name()) != "c") continue;
      ReadCell(c, *shared, row, next_column);
      if (!row.error.empty()) break;
    }
    sheet.rows.push_back(std::move(row));
  }
  // A damaged document holds the rows parsed before the damage; the last one may be cut short.
  if (!sheet.damage.empty() && !sheet.rows.empty()) sheet.rows.pop_back();
  return sheet;
}

}  // namespace partyscreen
