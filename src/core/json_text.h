// JSON text written directly, for outputs made of many small objects (a batch's result lines):
// the bytes nlohmann::json's dump(-1, ' ', false, error_handler_t::replace) gives for the same
// object (keys sorted as nlohmann's objects keep them, UTF-8 as is, invalid UTF-8 replaced),
// without building the object first. Numbers and nested nlohmann values are written by nlohmann
// itself, so the two never differ in how a value is spelled.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace partyscreen {

// `value` as a JSON string (quoted and escaped), appended to *out.
void AppendJsonString(std::string_view value, std::string* out);

// One JSON object's text: fields added in any order, written with their keys sorted. Keys must
// outlive the object (string literals); a key added twice is written twice (do not).
class JsonObjectText {
 public:
  void Add(std::string_view key, std::string_view value);
  void Add(std::string_view key, const std::string& value) { Add(key, std::string_view(value)); }
  void Add(std::string_view key, const char* value) { Add(key, std::string_view(value)); }
  void Add(std::string_view key, double value);
  void Add(std::string_view key, const std::vector<std::string>& values);  // an array of strings
  void Add(std::string_view key, const nlohmann::json& value);
  // `json`: text already in JSON (an array of objects written by AppendTo).
  void AddJsonText(std::string_view key, std::string_view json);
  // The object, appended to *out.
  void AppendTo(std::string* out) const;

 private:
  struct Field {
    std::string_view key;
    size_t begin, end;  // the value's text in values_
  };
  Field& Start(std::string_view key);
  std::vector<Field> fields_;
  std::string values_;
};

}  // namespace partyscreen
