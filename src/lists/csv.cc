#include "lists/csv.h"

#include "core/strings.h"

namespace partyscreen {

CsvReader::CsvReader(std::string_view data, CsvOptions options) : data_(data), options_(options) {
  // Strip a UTF-8 BOM and a trailing DOS EOF byte.
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") data_.remove_prefix(3);
  while (!data_.empty() && data_.back() == '\x1A') data_.remove_suffix(1);
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
  bool quoted = false;        // this field started with a quote
  bool in_quotes = false;
  bool field_started = false;
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
  const size_t start_pos = pos_;
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
      finish_field();
      return true;
    }
    if (c == '"') {
      if (!field_started) {
        quoted = true;
        in_quotes = true;
        field_started = true;
        ++pos_;
        continue;
      }
      if (!quoted) {
        // A quote inside an unquoted field: keep it literally (common in hand-made CSV).
        field += c;
        ++pos_;
        continue;
      }
      // Text after a closing quote, e.g. "abc"def: keep it.
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
  if (in_quotes) {
    // Unterminated quote: report and resynchronise at the line after the record's first line.
    rec.malformed = true;
    rec.error = "unterminated quoted field";
    size_t nl = data_.find('\n', start_pos);
    pos_ = nl == std::string_view::npos ? data_.size() : nl + 1;
    line_ = rec.line + 1;
    rec.fields.clear();
    return true;
  }
  finish_field();
  return true;
}

}  // namespace partyscreen
