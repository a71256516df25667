// A small RFC-4180 CSV/TSV reader used by every delimited list parser and by the customer and
// query file readers.
//
// Handles quoted fields with embedded delimiters, doubled quotes and newlines; CRLF or LF;
// a trailing 0x1A (DOS EOF) byte; OFAC's unquoted null marker "-0- " (turned into "" when
// `ofac_nulls` is set). Each record remembers the physical line it started on, so parsers can
// report "file line N: reason".
//
// Stray quotes. A quote only opens a quoted field at the start of a field; one in the middle of an
// unquoted field (`Joe "Jr" Ltd`) is a literal character. A quoted field may span lines (the CSL
// and other list files have such fields), but such a field must end the way RFC 4180 says, or it
// is taken to be a stray quote that swallowed the lines after it:
//   - its closing quote is followed by the delimiter, a line end or the end of the data
//     (a stray quote pairs with the *opening* quote of a later field, which is followed by text);
//   - the data does not end inside it;
//   - when `expected_fields` is set, the record it is in has exactly that many fields.
// A record breaking one of these rules is returned with `malformed` set, `line` = the line the
// record started on and `error` naming the line where the quote opened; the reader then goes on at
// the line after that one, so every later line is read (and reported) again as a record of its
// own. Nothing is dropped without a malformed record saying so. A quoted field that closes on the
// line it opened on keeps the lenient reading: text after its closing quote is kept
// (`"abc"def` -> `abcdef`).
// Known limit: a stray quote that happens to pair with a quote followed by a delimiter, in a record
// that then has the expected field count, is not detected (the caller sees one record whose field
// holds the swallowed lines); callers whose fields never hold line breaks can check for '\n'.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

struct CsvRecord {
  uint64_t line = 0;  // 1-based physical line where the record starts
  std::vector<std::string> fields;
  bool malformed = false;  // unterminated or stray quote (see above); `fields` is then empty
  std::string error;       // why, when malformed
};

struct CsvOptions {
  char delimiter = ',';
  bool ofac_nulls = false;     // map unquoted "-0-" (with or without trailing space) to ""
  bool trim_unquoted = false;  // trim spaces around unquoted fields
  // Fields every record should have (0: not known). Only used to catch stray quotes: a record
  // with a multi-line quoted field and another field count is malformed. Single-line records
  // with another count are returned as they are (the caller reports them).
  size_t expected_fields = 0;
};

class CsvReader {
 public:
  CsvReader(std::string_view data, CsvOptions options = {});
  // Reads the next record; false at end of input. Blank lines are skipped.
  bool Next(CsvRecord& record);
  // Sets CsvOptions::expected_fields for the records still to come (e.g. from a header row).
  void set_expected_fields(size_t n) { options_.expected_fields = n; }

 private:
  // Marks `record` malformed and resumes reading at the line after `quote_line`, which starts
  // at or before `quote_pos`.
  bool Resynchronise(CsvRecord& record, size_t quote_pos, uint64_t quote_line, std::string why);

  std::string_view data_;
  CsvOptions options_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
};

}  // namespace partyscreen
