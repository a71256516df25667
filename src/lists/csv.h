// A small RFC-4180 CSV/TSV reader used by every delimited list parser.
//
// Handles quoted fields with embedded delimiters, doubled quotes and newlines; CRLF or LF;
// a trailing 0x1A (DOS EOF) byte; OFAC's unquoted null marker "-0- " (turned into "" when
// `ofac_nulls` is set). Each record remembers the physical line it started on, so parsers can
// report "file line N: reason". A record with an unterminated quote is returned with
// `malformed` set (the reader then resynchronises at the next line) instead of swallowing the rest
// of the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

struct CsvRecord {
  uint64_t line = 0;                  // 1-based physical line where the record starts
  std::vector<std::string> fields;
  bool malformed = false;             // unterminated quote or stray quote in an unquoted field
  std::string error;                  // why, when malformed
};

struct CsvOptions {
  char delimiter = ',';
  bool ofac_nulls = false;            // map unquoted "-0-" (with or without trailing space) to ""
  bool trim_unquoted = false;         // trim spaces around unquoted fields
};

class CsvReader {
 public:
  CsvReader(std::string_view data, CsvOptions options = {});
  // Reads the next record; false at end of input. Blank lines are skipped.
  bool Next(CsvRecord& record);

 private:
  std::string_view data_;
  CsvOptions options_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
};

}  // namespace partyscreen
