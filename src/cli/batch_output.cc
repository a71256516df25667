#include "cli/batch_output.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "core/strings.h"
#include "decide/decision_json.h"
#include "match/hit_json.h"

namespace partyscreen::cli {

Result<BatchFormat> ChooseBatchFormat(std::string_view format, std::string_view out_path) {
  if (format.empty())
    return AsciiLower(out_path).ends_with(".csv") ? BatchFormat::kCsv : BatchFormat::kJsonLines;
  if (format == "csv") return BatchFormat::kCsv;
  if (format == "jsonl" || format == "json") return BatchFormat::kJsonLines;
  return Status::InvalidArgument("--format: '" + std::string(format) +
                                 "' is not csv, jsonl or json");
}

std::string CsvCell(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out(1, '"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

BatchFormatter::BatchFormatter(BatchFormat format, bool explain, bool decide)
    : format_(format), explain_(explain), decide_(decide) {}

std::string BatchFormatter::Header() const {
  if (format_ != BatchFormat::kCsv) return {};
  std::string out =
      "id,name,hit,score,entity_id,listed_name,matched_name,schema,source,list,programs";
  if (decide_) out += ",outcome";
  return out + "\n";
}

std::string BatchFormatter::Render(const Query& query, const std::vector<Hit>& hits,
                                   const Decision* decision) const {
  if (format_ == BatchFormat::kJsonLines) {
    // Written as text (core/json_text.h): the bytes nlohmann's dump of the object would be.
    JsonObjectText line;
    line.Add("id", query.id);
    line.Add("name", query.name);
    std::string hits_json = "[";
    for (size_t i = 0; i < hits.size(); ++i) {
      if (i > 0) hits_json.push_back(',');
      AppendHitJson(hits[i], explain_, &hits_json);
    }
    hits_json.push_back(']');
    line.AddJsonText("hits", hits_json);
    if (decision != nullptr) line.Add("decision", DecisionToJson(*decision));
    std::string out;
    line.AppendTo(&out);
    out.push_back('\n');
    return out;
  }
  std::string outcome;
  if (decision != nullptr) outcome.append(",").append(OutcomeName(decision->outcome));
  std::string head = CsvCell(query.id);
  head.append(",").append(CsvCell(query.name)).append(",");
  if (hits.empty()) return head + "0,,,,,,,," + outcome + "\n";
  std::string out;
  for (size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    const Entity& e = *h.entity;
    char score[16];
    std::snprintf(score, sizeof score, "%.4f", h.score);
    out.append(head)
        .append(std::to_string(i + 1))
        .append(",")
        .append(score)
        .append(",")
        .append(CsvCell(e.id))
        .append(",")
        .append(CsvCell(e.name))
        .append(",")
        .append(CsvCell(h.explanation.matched_name))
        .append(",")
        .append(SchemaName(e.schema))
        .append(",")
        .append(CsvCell(e.source))
        .append(",")
        .append(CsvCell(e.list))
        .append(",")
        .append(CsvCell(Join(e.programs, "; ")))
        .append(outcome)
        .append("\n");
  }
  return out;
}

}  // namespace partyscreen::cli
