// libFuzzer target for the CSV/TSV reader (src/core/csv.h). The first byte picks the options
// (delimiter, OFAC null markers, trimming); the rest is the text. Checks that the reader always
// moves forward: record line numbers never decrease and it stops.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  partyscreen::CsvOptions options;
  options.delimiter = (data[0] & 1) ? '\t' : ',';
  options.ofac_nulls = (data[0] & 2) != 0;
  options.trim_unquoted = (data[0] & 4) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  partyscreen::CsvReader reader(text, options);
  partyscreen::CsvRecord record;
  uint64_t last_line = 0;
  size_t records = 0;
  while (reader.Next(record)) {
    if (record.line < last_line) std::abort();  // went backwards
    last_line = record.line;
    if (++records > text.size() + 1) std::abort();  // more records than bytes: not advancing
  }
  return 0;
}
