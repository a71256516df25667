#include "cli/batch_output.h"

#include <cstdio>
#include <nlohmann/json.hpp>

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

BatchWriter::BatchWriter(std::ostream& out, BatchFormat format, bool explain, bool decide)
    : out_(out), format_(format), explain_(explain), decide_(decide) {
  if (format_ != BatchFormat::kCsv) return;
  out_ << "id,name,hit,score,entity_id,listed_name,matched_name,schema,source,list,programs";
  if (decide_) out_ << ",outcome";
  out_ << "\n";
}

void BatchWriter::Write(const Query& query, const std::vector<Hit>& hits,
                        const Decision* decision) {
  if (format_ == BatchFormat::kJsonLines) {
    nlohmann::json j{{"id", query.id}, {"name", query.name}};
    j["hits"] = nlohmann::json::array();
    for (const Hit& h : hits) j["hits"].push_back(HitToJson(h, explain_));
    if (decision != nullptr) j["decision"] = DecisionToJson(*decision);
    out_ << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  std::string outcome;
  if (decision != nullptr) outcome.append(",").append(OutcomeName(decision->outcome));
  std::string head = CsvCell(query.id);
  head.append(",").append(CsvCell(query.name)).append(",");
  if (hits.empty()) out_ << head << "0,,,,,,,," << outcome << "\n";
  for (size_t i = 0; i < hits.size(); ++i) {
    const Hit& h = hits[i];
    const Entity& e = *h.entity;
    char score[16];
    std::snprintf(score, sizeof score, "%.4f", h.score);
    out_ << head << (i + 1) << "," << score << "," << CsvCell(e.id) << "," << CsvCell(e.name) << ","
         << CsvCell(h.explanation.matched_name) << "," << SchemaName(e.schema) << ","
         << CsvCell(e.source) << "," << CsvCell(e.list) << "," << CsvCell(Join(e.programs, "; "))
         << outcome << "\n";
  }
}

}  // namespace partyscreen::cli
