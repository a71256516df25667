// Loading and validating a rules file; matching an entity to its list rule.
#include "decide/rules.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/input.h"
#include "core/strings.h"
#include "decide/embedded_rules.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "partyscreen-rules/1";

// Reads typed fields of one JSON object, remembering the first error with its path
// ("rules.json: list_rules[3].outcome: ...").
class FieldReader {
 public:
  FieldReader(const json& object, std::string path, Status* error)
      : object_(object), path_(std::move(path)), error_(error) {
    if (!object_.is_object()) Fail(path_, "expected an object");
  }

  std::string String(const char* key, bool required) {
    const json* v = Find(key, required);
    if (v == nullptr) return "";
    if (!v->is_string()) {
      Fail(Path(key), "expected a string");
      return "";
    }
    std::string s = v->get<std::string>();
    if (required && Trim(s).empty()) Fail(Path(key), "must not be empty");
    return s;
  }

  bool Bool(const char* key) {
    const json* v = Find(key, false);
    if (v == nullptr) return false;
    if (!v->is_boolean()) Fail(Path(key), "expected true or false");
    return v->is_boolean() && v->get<bool>();
  }

  std::vector<std::string> Strings(const char* key) {
    std::vector<std::string> out;
    const json* v = Find(key, false);
    if (v == nullptr) return out;
    if (!v->is_array()) {
      Fail(Path(key), "expected an array of strings");
      return out;
    }
    for (size_t i = 0; i < v->size(); ++i) {
      const json& item = (*v)[i];
      if (!item.is_string() || Trim(item.get<std::string>()).empty()) {
        Fail(Path(key) + "[" + std::to_string(i) + "]", "expected a non-empty string");
        continue;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  Outcome OutcomeField(const char* key, bool required) {
    const std::string name = String(key, required);
    if (name.empty()) return Outcome::kReview;
    std::optional<Outcome> o = ParseOutcome(name);
    if (!o)
      Fail(Path(key), "unknown outcome '" + name +
                          "' (CLEAR, REVIEW, RESTRICTED, LICENSE_REQUIRED, DENY, BLOCK)");
    return o.value_or(Outcome::kReview);
  }

  const json* Find(const char* key, bool required) {
    if (!object_.is_object()) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      if (required) Fail(Path(key), "missing");
      return nullptr;
    }
    return &*it;
  }

  std::string Path(const char* key) const { return path_ + (path_.empty() ? "" : ".") + key; }

  void Fail(const std::string& where, const std::string& what) {
    if (error_->ok()) *error_ = Status::InvalidArgument(where + ": " + what);
  }

 private:
  const json& object_;
  std::string path_;
  Status* error_;
};

bool IsIsoDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

ListMatch ReadMatch(const json& j, const std::string& path, Status* error) {
  FieldReader r(j, path, error);
  ListMatch m;
  m.sources = r.Strings("sources");
  m.list_contains = r.Strings("list_contains");
  for (std::string& s : m.list_contains) s = AsciiLower(s);
  m.programs = r.Strings("programs");
  return m;
}

ListRule ReadListRule(const json& j, const std::string& path, Status* error) {
  FieldReader r(j, path, error);
  ListRule rule;
  rule.id = r.String("id", true);
  rule.description = r.String("description", false);
  rule.fallback = r.Bool("fallback");
  rule.outcome = r.OutcomeField("outcome", true);
  rule.legal_text = r.String("legal_text", true);
  rule.citation = r.String("citation", false);
  rule.next_step = r.String("next_step", true);
  rule.record_license = r.Bool("record_license");
  rule.cite_record = r.Bool("cite_record");
  rule.cite_programs = r.Bool("cite_programs");
  const json* match = r.Find("match", true);
  if (match != nullptr) {
    if (!match->is_array() || match->empty()) {
      r.Fail(r.Path("match"), "expected a non-empty array of match objects");
    } else {
      for (size_t i = 0; i < match->size(); ++i) {
        rule.match.push_back(
            ReadMatch((*match)[i], r.Path("match") + "[" + std::to_string(i) + "]", error));
      }
    }
  }
  if (const json* details = r.Find("remarks_details", false)) {
    if (!details->is_array()) r.Fail(r.Path("remarks_details"), "expected an array");
    for (size_t i = 0; details->is_array() && i < details->size(); ++i) {
      FieldReader d((*details)[i], r.Path("remarks_details") + "[" + std::to_string(i) + "]",
                    error);
      RemarksDetail detail{AsciiLower(d.String("contains", true)), d.String("text", true)};
      rule.remarks_details.push_back(std::move(detail));
    }
  }
  return rule;
}

DestinationRule ReadDestinationRule(const json& j, const std::string& path, Status* error) {
  FieldReader r(j, path, error);
  DestinationRule rule;
  rule.id = r.String("id", true);
  rule.countries = r.Strings("countries");
  for (size_t i = 0; i < rule.countries.size(); ++i) {
    const std::string code = CountryCode(rule.countries[i]);
    if (code.empty()) {
      r.Fail(r.Path("countries") + "[" + std::to_string(i) + "]",
             "'" + rule.countries[i] + "' is not a country");
    }
    rule.countries[i] = code;
  }
  rule.regions = r.Strings("regions");
  for (std::string& region : rule.regions) region = AsciiLower(Trim(region));
  if (rule.countries.empty() && rule.regions.empty())
    r.Fail(path, "needs \"countries\" or \"regions\"");
  rule.outcome = r.OutcomeField("outcome", true);
  if (r.Find("ccl_outcome", false) != nullptr)
    rule.ccl_outcome = r.OutcomeField("ccl_outcome", true);
  rule.legal_text = r.String("legal_text", true);
  rule.citation = r.String("citation", true);
  rule.next_step = r.String("next_step", true);
  return rule;
}

// 1-based line of a byte offset, for JSON syntax errors.
size_t LineOf(std::string_view text, size_t byte) {
  byte = std::min(byte, text.size());
  return 1 + static_cast<size_t>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(byte), '\n'));
}

Status Validate(const DecisionRules::Data& d) {
  std::set<std::string> ids;
  size_t fallbacks = 0;
  for (const ListRule& r : d.list_rules) {
    if (!ids.insert(r.id).second)
      return Status::InvalidArgument("duplicate rule id '" + r.id + "'");
    if (r.fallback) ++fallbacks;
  }
  for (const DestinationRule& r : d.destination_rules) {
    if (!ids.insert(r.id).second)
      return Status::InvalidArgument("duplicate rule id '" + r.id + "'");
  }
  if (!ids.insert(d.review_band.rule_id).second) {
    return Status::InvalidArgument("review_band.rule_id '" + d.review_band.rule_id +
                                   "' is also a rule id");
  }
  if (fallbacks > 1)
    return Status::InvalidArgument("list_rules: at most one rule may be \"fallback\"");
  return Status::Ok();
}

bool MatchesAlternative(const ListMatch& m, const Entity& e) {
  if (!m.sources.empty() &&
      std::none_of(m.sources.begin(), m.sources.end(),
                   [&](const std::string& s) { return IEquals(s, e.source); })) {
    return false;
  }
  if (!m.list_contains.empty()) {
    const std::string list = AsciiLower(e.list);
    if (std::none_of(m.list_contains.begin(), m.list_contains.end(),
                     [&](const std::string& s) { return list.find(s) != std::string::npos; })) {
      return false;
    }
  }
  if (!m.programs.empty()) {
    const bool any = std::any_of(e.programs.begin(), e.programs.end(), [&](const std::string& p) {
      return std::any_of(m.programs.begin(), m.programs.end(),
                         [&](const std::string& q) { return IEquals(p, q); });
    });
    if (!any) return false;
  }
  return true;
}

}  // namespace

DecisionRules::DecisionRules(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
const std::string& DecisionRules::version() const { return data_->version; }
const std::string& DecisionRules::effective() const { return data_->effective; }
double DecisionRules::review_band_width() const { return data_->review_band.width; }

Result<DecisionRules> DecisionRules::Parse(std::string_view json_text, std::string_view origin) {
  const std::string where(origin);
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    return Status::InvalidArgument(where + ": line " + std::to_string(LineOf(json_text, e.byte)) +
                                   ": not valid JSON: " + e.what());
  }
  Status error;
  auto data = std::make_shared<Data>();
  data->origin = where;
  FieldReader top(doc, "", &error);
  const std::string format = top.String("format", true);
  if (error.ok() && format != kFormat) {
    top.Fail("format",
             "'" + format + "' is not supported (expected '" + std::string(kFormat) + "')");
  }
  data->version = top.String("version", true);
  data->effective = top.String("effective", true);
  if (error.ok() && !IsIsoDay(data->effective)) top.Fail("effective", "expected a date YYYY-MM-DD");
  data->title = top.String("title", false);
  data->scope = top.String("scope", false);

  if (const json* band = top.Find("review_band", true)) {
    FieldReader b(*band, "review_band", &error);
    if (const json* width = b.Find("width", true)) {
      if (!width->is_number() || width->get<double>() < 0 || width->get<double>() >= 1) {
        b.Fail("review_band.width", "expected a number in [0, 1)");
      } else {
        data->review_band.width = width->get<double>();
      }
    }
    data->review_band.rule_id = b.String("rule_id", true);
    data->review_band.legal_text = b.String("legal_text", true);
    data->review_band.next_step = b.String("next_step", true);
  }
  if (const json* rules = top.Find("list_rules", true)) {
    if (!rules->is_array() || rules->empty()) top.Fail("list_rules", "expected a non-empty array");
    for (size_t i = 0; rules->is_array() && i < rules->size(); ++i) {
      data->list_rules.push_back(
          ReadListRule((*rules)[i], "list_rules[" + std::to_string(i) + "]", &error));
    }
  }
  if (const json* rules = top.Find("destination_rules", false)) {
    if (!rules->is_array()) top.Fail("destination_rules", "expected an array");
    for (size_t i = 0; rules->is_array() && i < rules->size(); ++i) {
      data->destination_rules.push_back(
          ReadDestinationRule((*rules)[i], "destination_rules[" + std::to_string(i) + "]", &error));
    }
  }
  if (const json* citations = top.Find("program_citations", false)) {
    if (!citations->is_object())
      top.Fail("program_citations", "expected an object of program -> citation");
    for (auto it = citations->begin(); citations->is_object() && it != citations->end(); ++it) {
      if (!it->is_string()) {
        top.Fail("program_citations." + it.key(), "expected a string");
        continue;
      }
      data->program_citations[AsciiUpper(it.key())] = it->get<std::string>();
    }
  }
  if (error.ok()) error = Validate(*data);
  if (!error.ok()) return Status::InvalidArgument(where + ": " + error.message());
  return DecisionRules(std::move(data));
}

Result<DecisionRules> DecisionRules::LoadFile(const std::string& path) {
  Result<std::string> bytes = ReadListFile(path);
  if (!bytes.ok()) return bytes.status();
  return Parse(*bytes, path);
}

Result<DecisionRules> DecisionRules::Embedded() {
  return Parse(EmbeddedRulesJson(), EmbeddedRulesOrigin());
}

const ListRule* FindListRule(const DecisionRules::Data& rules, const Entity& entity) {
  const ListRule* fallback = nullptr;
  for (const ListRule& rule : rules.list_rules) {
    const bool matches = std::any_of(rule.match.begin(), rule.match.end(), [&](const ListMatch& m) {
      return MatchesAlternative(m, entity);
    });
    if (!matches) continue;
    if (!rule.fallback) return &rule;
    if (fallback == nullptr) fallback = &rule;
  }
  return fallback;
}

}  // namespace partyscreen
