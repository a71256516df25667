// core/json_text.h writes the bytes nlohmann's dump(-1, ' ', false, replace) writes for the same
// value: strings of every kind (escapes, control characters, UTF-8, broken UTF-8), numbers, and
// objects with their keys sorted.
#include "core/json_text.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace partyscreen {
namespace {

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string AsJsonString(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(JsonTextTest, StringsAreWrittenAsNlohmannWritesThem) {
  const std::vector<std::string> cases = {
      "",
      "Hikvision",
      "say \"hi\"\\now",
      std::string("tab\there\nline\rcr\bbs\fff", 21),
      std::string("\x01\x1f\x7f", 3),
      std::string("nul\0in", 6),
      "新疆警察学院 Чэнь Цюаньго 김정은 صدام",
      "\xF0\x9F\x98\x80 emoji, U+10FFFF \xF4\x8F\xBF\xBF",
      "lone continuation \x80 byte",
      "overlong \xC0\xAF slash",
      "surrogate \xED\xA0\x80 half",
      "above U+10FFFF \xF4\x90\x80\x80",
      "cut short \xE6\x96",
      "Latin-1 caf\xE9",
  };
  for (const std::string& s : cases) EXPECT_EQ(AsJsonString(s), Dump(s)) << s;
}

TEST(JsonTextTest, ObjectKeysAreSortedAndValuesSpelledAsNlohmannDoes) {
  JsonObjectText o;
  o.Add("score", 1.0);
  o.Add("name", "Hikvision");
  o.Add("programs", std::vector<std::string>{"ENTITY LIST", "a\"b"});
  o.Add("entity_id", std::string("bis:1"));
  o.Add("tiny", 1e-7);
  o.Add("half", 0.5);
  o.Add("nan", std::numeric_limits<double>::quiet_NaN());
  o.Add("nested", nlohmann::json{{"b", 1}, {"a", {1, 2}}});
  o.AddJsonText("hits", "[]");
  nlohmann::json j{{"score", 1.0},
                   {"name", "Hikvision"},
                   {"programs", {"ENTITY LIST", "a\"b"}},
                   {"entity_id", "bis:1"},
                   {"tiny", 1e-7},
                   {"half", 0.5},
                   {"nan", std::numeric_limits<double>::quiet_NaN()},
                   {"nested", {{"b", 1}, {"a", {1, 2}}}},
                   {"hits", nlohmann::json::array()}};
  std::string text;
  o.AppendTo(&text);
  EXPECT_EQ(text, Dump(j));
  JsonObjectText empty;
  text.clear();
  empty.AppendTo(&text);
  EXPECT_EQ(text, "{}");
}

}  // namespace
}  // namespace partyscreen
