// Test helper: builds a zip archive in memory with libzip, to make small or deliberately broken
// workbooks without committing binary fixtures. Header-only; used by tests/lists/*_test.cc.
#pragma once

#include <zip.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace partyscreen::test_zip {

// The bytes of a zip holding `members` (name, content) in order; "" if libzip fails.
inline std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& members) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return "";
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(buffer);
    return "";
  }
  for (const auto& [name, content] : members) {
    zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (!data || zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(data);
      zip_discard(archive);
      zip_source_free(buffer);
      return "";
    }
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    return "";
  }
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    bytes.resize(static_cast<size_t>(zip_source_tell(buffer)));
    zip_source_seek(buffer, 0, SEEK_SET);
    zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return bytes;
}

// A one-sheet workbook whose sheet XML is `sheet_xml` (and shared strings `shared_xml`, if any).
inline std::string MakeWorkbook(const std::string& sheet_xml, const std::string& shared_xml = "") {
  std::vector<std::pair<std::string, std::string>> members = {
      {"xl/workbook.xml",
       R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
       R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
       R"(<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Target="worksheets/data.xml" )"
       R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>)"},
      {"xl/worksheets/data.xml", sheet_xml}};
  if (!shared_xml.empty()) members.emplace_back("xl/sharedStrings.xml", shared_xml);
  return MakeZip(members);
}

}  // namespace partyscreen::test_zip
