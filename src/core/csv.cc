#include "core/csv.h"

#include "core/strings.h"

namespace partyscreen {

CsvReader::CsvReader(std::string_view data, CsvOptions options) : data_(data), options_(options) {
  // Strip a UTF-8 BOM and a trailing DOS EOF byte.
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") data_.remove_prefix(3);
  while (!data_.empty() && data_.back() == '\x1A') data_.remove_suffix(1);
}

bool CsvReader::Resynchronise(CsvRecord& rec, size_t quote_pos, uint64_t quote_line,
                              std::string why) {
  rec.malformed = true;
  rec.fields.clear();
  rec.error = "quote opened on line " + std::to_string(quote_line) + " " + why +
              " (a stray quote?); reading goes on at line " + std::to_string(quote_line + 1);
  const size_t nl = data_.find('\n', quote_pos);
  pos_ = nl == std::string_view::npos ? data_.size() : nl + 1;
  line_ = quote_line + 1;
  return true;
}

bool CsvReader::Next(CsvRecord& rec) {
  rec.fields.clear();
  rec.malformed = false;
  rec.error.clear();
  // Skip blank lines.
  while (pos_ < data_.size() && (data_[pos_] == '\n' || data_[pos_] == '\r')) {
    if (data_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= data_.size()) return false;
  rec.line = line_;
  const char d = options_.delimiter;
  std::string field;
  bool quoted = false;  // this field started with a quote
  bool in_quotes = false;
  bool field_started = false;
  size_t quote_pos = 0;     // where the current quoted field opened
  uint64_t quote_line = 0;  // and on which line
  // The first quoted field of this record that spanned lines (checked against expected_fields).
  bool spanned = false;
  size_t spanned_pos = 0;
  uint64_t spanned_line = 0;
  auto finish_field = [&]() {
    if (!quoted) {
      std::string_view v = field;
      if (options_.trim_unquoted || options_.ofac_nulls) v = Trim(v);
      if (options_.ofac_nulls && v == "-0-") v = {};
      rec.fields.emplace_back(v);
    } else {
      rec.fields.push_back(std::move(field));
    }
    field.clear();
    quoted = false;
    field_started = false;
  };
  // A record is complete: check the field count if a quoted field spanned lines.
  auto finish_record = [&]() {
    finish_field();
    if (spanned && options_.expected_fields != 0 && rec.fields.size() != options_.expected_fields)
      return Resynchronise(rec, spanned_pos, spanned_line,
                           "spans lines and leaves its record with " +
                               std::to_string(rec.fields.size()) + " fields instead of " +
                               std::to_string(options_.expected_fields));
    return true;
  };
  while (pos_ < data_.size()) {
    char c = data_[pos_];
    if (in_quotes) {
      if (c == '"') {
        if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '"') {
          field += '"';
          pos_ += 2;
          continue;
        }
        in_quotes = false;
        ++pos_;
        if (line_ != quote_line) {
          // RFC 4180: a closing quote is followed by the delimiter or the end of the record.
          const char next = pos_ < data_.size() ? data_[pos_] : d;
          if (next != d && next != '\n' && next != '\r')
            return Resynchronise(
                rec, quote_pos, quote_line,
                "closes on line " + std::to_string(line_) + " with text right after it");
          if (!spanned) {
            spanned = true;
            spanned_pos = quote_pos;
            spanned_line = quote_line;
          }
        }
        continue;
      }
      if (c == '\n') ++line_;
      field += c;
      ++pos_;
      continue;
    }
    if (c == d) {
      finish_field();
      ++pos_;
      continue;
    }
    if (c == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n') {
      ++pos_;
      continue;
    }
    if (c == '\n' || c == '\r') {
      ++pos_;
      ++line_;
      return finish_record();
    }
    if (c == '"') {
      if (!field_started) {
        quoted = true;
        in_quotes = true;
        field_started = true;
        quote_pos = pos_;
        quote_line = line_;
        ++pos_;
        continue;
      }
      // A quote inside an unquoted field, or text after a closing quote (e.g. "abc"def): keep it
      // literally (common in hand-made CSV).
      field += c;
      ++pos_;
      continue;
    }
    if (c == ' ' && !field_started && !options_.trim_unquoted && !options_.ofac_nulls) {
      field += c;
      ++pos_;
      continue;
    }
    if (c != ' ') field_started = true;
    field += c;
    ++pos_;
  }
  if (in_quotes) return Resynchronise(rec, quote_pos, quote_line, "is not closed before the end");
  return finish_record();
}

}  // namespace partyscreen
