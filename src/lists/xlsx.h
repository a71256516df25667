// Reading the first worksheet of an .xlsx workbook (Office Open XML) as rows of text cells.
//
// Enough for the list files published as workbooks (OFSI): the sheet is found through
// xl/workbook.xml and xl/_rels/workbook.xml.rels; cells may be shared strings (rich-text runs are
// concatenated, phonetic runs ignored), inline strings or plain values (numbers are returned as
// written, dates stored as serial numbers are not converted). Cell references ("AB12") place cells
// in their column, so skipped empty cells leave "" behind.
// Stateless; thread-safe. The workbook bytes are only read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/status.h"

namespace partyscreen {

struct SheetRow {
  uint64_t number = 0;             // 1-based row number in the sheet (or line in a CSV file)
  std::vector<std::string> cells;  // cells[0] is column A; trailing empty cells may be absent
  std::string error;  // why the row cannot be trusted (bad cell reference...); "" if fine
};

struct Worksheet {
  std::vector<SheetRow> rows;
  // Non-empty when the sheet XML is damaged: `rows` then holds the rows read before the damage
  // (the row cut by it excluded), so a caller can keep them and report the rest.
  std::string damage;
};

// "A" -> 0, "AB" -> 27; -1 when `letters` is empty, not letters or beyond column XFD.
int ColumnIndex(std::string_view letters);

// Errors (not a zip, no workbook part, no worksheet, shared strings unreadable) name `label`.
Result<Worksheet> ReadFirstWorksheet(std::string_view xlsx, std::string_view label);

}  // namespace partyscreen
