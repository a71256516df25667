#include "core/json_text.h"

#include <algorithm>
#include <cstdint>

namespace partyscreen {

namespace {

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 if it is not one.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t b = byte(i);
  if (b < 0x80) return 1;
  size_t n = 0;
  uint8_t lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

// The two-character escape JSON has for `c` (a quote, a backslash or one of five control
// characters), or empty.
std::string_view ShortEscape(char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return {};
  }
}

}  // namespace

void AppendJsonString(std::string_view value, std::string* out) {
  const size_t start = out->size();
  out->push_back('"');
  for (size_t i = 0; i < value.size();) {
    // A run of printable ASCII needing no escape, appended at once.
    size_t run = i;
    while (run < value.size()) {
      const auto b = static_cast<uint8_t>(value[run]);
      if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
      ++run;
    }
    out->append(value.substr(i, run - i));
    i = run;
    if (i == value.size()) break;
    // The byte after the run: the start of a multi-byte character, or one to escape.
    const char c = value[i];
    const auto u = static_cast<uint8_t>(c);
    if (u >= 0x80) {
      const size_t n = Utf8SequenceLength(value, i);
      if (n == 0) {
        // Not UTF-8: nlohmann's own replacement rules, for the whole string.
        out->resize(start);
        out->append(nlohmann::json(std::string(value))
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return;
      }
      out->append(value.substr(i, n));
      i += n;
      continue;
    }
    ++i;
    if (const std::string_view escape = ShortEscape(c); !escape.empty()) {
      out->append(escape);
    } else {  // another control character
      constexpr char kHex[] = "0123456789abcdef";
      out->append("\\u00");
      out->push_back(kHex[u >> 4]);
      out->push_back(kHex[u & 15]);
    }
  }
  out->push_back('"');
}

JsonObjectText::Field& JsonObjectText::Start(std::string_view key) {
  fields_.push_back({key, values_.size(), values_.size()});
  return fields_.back();
}

void JsonObjectText::Add(std::string_view key, std::string_view value) {
  Field& f = Start(key);
  AppendJsonString(value, &values_);
  f.end = values_.size();
}

void JsonObjectText::Add(std::string_view key, double value) { Add(key, nlohmann::json(value)); }

void JsonObjectText::Add(std::string_view key, const std::vector<std::string>& values) {
  Field& f = Start(key);
  values_.push_back('[');
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) values_.push_back(',');
    AppendJsonString(values[i], &values_);
  }
  values_.push_back(']');
  f.end = values_.size();
}

void JsonObjectText::Add(std::string_view key, const nlohmann::json& value) {
  AddJsonText(key, value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void JsonObjectText::AddJsonText(std::string_view key, std::string_view json) {
  Field& f = Start(key);
  values_.append(json);
  f.end = values_.size();
}

void JsonObjectText::AppendTo(std::string* out) const {
  std::vector<const Field*> order;
  order.reserve(fields_.size());
  for (const Field& f : fields_) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(),
                   [](const Field* a, const Field* b) { return a->key < b->key; });
  out->push_back('{');
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(order[i]->key, out);
    out->push_back(':');
    out->append(std::string_view(values_).substr(order[i]->begin, order[i]->end - order[i]->begin));
  }
  out->push_back('}');
}

}  // namespace partyscreen
