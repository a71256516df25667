#include "python/engine.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <utility>

#include "decide/decision_json.h"
#include "lists/source_json.h"
#include "match/hit_json.h"
#include "match/index_cache.h"
#include "partyscreen/snapshot.h"
#include "records/record_file.h"

namespace partyscreen::python {

namespace {

std::vector<ListSpec> SpecsOf(const std::vector<std::string>& lists, const std::string& data_dir) {
  std::vector<ListSpec> specs;
  for (const std::string& l : lists) specs.push_back(ParseListSpec(l));
  if (specs.empty()) specs = data_dir.empty() ? DefaultListSpecs() : DefaultListSpecs(data_dir);
  return specs;
}

}  // namespace

Result<std::string> SnapshotHashOf(const std::vector<std::string>& lists,
                                   const std::string& data_dir) {
  auto snapshot = LoadSnapshot(SpecsOf(lists, data_dir));
  if (!snapshot.ok()) return snapshot.status();
  return snapshot->hash;
}

Result<std::unique_ptr<Engine>> Engine::Load(const std::vector<std::string>& lists,
                                             const std::string& data_dir) {
  auto snapshot = LoadSnapshot(SpecsOf(lists, data_dir));
  if (!snapshot.ok()) return snapshot.status();
  // Through the index cache: Dask workers on one machine load the same lists, and the first
  // one's index serves the others (match/index_cache.h).
  auto screener = BuildWithIndexCache(std::make_shared<const Snapshot>(std::move(snapshot).value()),
                                      DefaultIndexCacheDir());
  if (!screener.ok()) return screener.status();
  auto rules = DecisionRules::Embedded();
  if (!rules.ok()) return rules.status();
  return std::unique_ptr<Engine>(new Engine(std::move(screener).value(), std::move(rules).value()));
}

Engine::Engine(std::unique_ptr<Screener> screener, DecisionRules rules)
    : screener_(std::move(screener)), rules_(std::move(rules)) {}

nlohmann::json Engine::Info() const {
  const Snapshot& snapshot = screener_->snapshot();
  nlohmann::json sources = nlohmann::json::array();
  for (const SourceInfo& s : snapshot.sources) sources.push_back(SourceInfoToJson(s));
  return {{"hash", snapshot.hash},
          {"entities", snapshot.entities.size()},
          {"issues", snapshot.issues.size()},
          {"engine", EngineVersion()},
          {"sources", std::move(sources)}};
}

std::vector<RecordResult> Engine::ScreenQueries(std::vector<Result<Query>> queries,
                                                const std::vector<uint64_t>& lines,
                                                const ScreenManyOptions& options) const {
  ScreenOptions screen;
  if (options.threshold >= 0) screen.threshold = options.threshold;
  screen.limit = options.limit;
  screen.explain = options.explain;
  // As batch --decide: screen down to the review band; the line keeps the hits at or above the
  // threshold, the decision sees them all.
  DecideOptions decide;
  decide.threshold = screen.threshold;
  decide.limit = screen.limit;
  ScreenOptions searched = screen;
  if (options.decide) searched.threshold = ReviewBandLower(rules_, decide);
  const ExportContext context{options.eccns};
  std::vector<RecordResult> results(queries.size());
  tbb::task_arena arena(std::max(1, options.threads));
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<size_t>(0, queries.size(), 16),
        [&](const tbb::blocked_range<size_t>& r) {
          for (size_t i = r.begin(); i != r.end(); ++i) {
            if (!queries[i].ok()) {
              results[i].error =
                  "record " + std::to_string(lines[i]) + ": " + queries[i].status().message();
              continue;
            }
            Query& q = queries[i].value();
            if (q.id.empty()) q.id = std::to_string(lines[i]);
            nlohmann::json hits = nlohmann::json::array();
            std::vector<Hit> kept;  // as batch: only the hits at or above the threshold
            const std::vector<Hit> found = screener_->Screen(q, searched);
            for (const Hit& h : found)
              if (h.score >= screen.threshold) kept.push_back(h);
            for (const Hit& h : kept) hits.push_back(HitToJson(h, options.explain));
            // batch's JSON line (cli/batch_output.cc): id, the screened name, hits, decision.
            results[i].line = {{"id", q.id}, {"name", q.name}, {"hits", std::move(hits)}};
            if (options.decide) {
              Decision d = DecideHits(rules_, Party{"", q}, found, context, decide);
              d.snapshot_hash = screener_->snapshot().hash;
              results[i].line["decision"] = DecisionToJson(d);
            }
            if (options.audit)
              results[i].audit =
                  AuditRecordToJson(ScreeningAuditRecord("", q, *screener_, screen, kept, ""));
          }
        });
  });
  return results;
}

std::vector<RecordResult> Engine::ScreenJson(const std::vector<std::string>& records,
                                             const ScreenManyOptions& options) const {
  std::vector<Result<Query>> queries;
  std::vector<uint64_t> lines;
  queries.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const nlohmann::json j = nlohmann::json::parse(records[i], nullptr, /*allow_exceptions=*/false);
    queries.push_back(j.is_object() ? QueryFromJson(j, "")
                                    : Result<Query>(Status::InvalidArgument("not a JSON object")));
    lines.push_back(options.first_line + i);
  }
  return ScreenQueries(std::move(queries), lines, options);
}

std::vector<RecordResult> Engine::ScreenFields(const std::vector<QueryFields>& records,
                                               const ScreenManyOptions& options) const {
  std::vector<Result<Query>> queries;
  std::vector<uint64_t> lines;
  queries.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    queries.push_back(QueryFromFields(records[i], ""));
    lines.push_back(options.first_line + i);
  }
  return ScreenQueries(std::move(queries), lines, options);
}

Result<std::vector<RecordResult>> Engine::ScreenText(const std::string& text,
                                                     const std::string& label,
                                                     const ScreenManyOptions& options) const {
  std::vector<Result<Query>> queries;
  std::vector<uint64_t> lines;
  Status s =
      ForEachRecord(text, label, /*require_id=*/false, [&](uint64_t line, Result<Query> record) {
        queries.push_back(std::move(record));
        lines.push_back(line);
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return ScreenQueries(std::move(queries), lines, options);
}

Result<nlohmann::json> Engine::Check(const std::string& request_json) const {
  const nlohmann::json request =
      nlohmann::json::parse(request_json, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) return Status::InvalidArgument("check request: not valid JSON");
  auto transaction = TransactionFromJson(request);
  if (!transaction.ok()) return transaction.status();
  auto decision = DecideTransaction(rules_, *screener_, *transaction);
  if (!decision.ok()) return decision.status();
  return DecisionToJson(*decision);
}

nlohmann::json AuditRecordToJson(const AuditRecord& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const AuditHit& h : r.hits)
    hits.push_back({{"entity_id", h.entity_id},
                    {"score", h.score},
                    {"matched_name", h.matched_name},
                    {"state", h.state}});
  return {{"query_json", r.query_json}, {"snapshot", r.snapshot},  {"engine", r.engine},
          {"threshold", r.threshold},   {"hits", std::move(hits)}, {"detail_json", r.detail_json}};
}

Result<AuditRecord> AuditRecordFromJson(const std::string& text, const std::string& kind,
                                        const std::string& who) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("query_json") || !j.contains("hits"))
    return Status::InvalidArgument("audit record: not an object with query_json and hits");
  try {
    AuditRecord r;
    r.kind = kind;
    r.who = who;
    r.query_json = j.at("query_json").get<std::string>();
    r.snapshot = j.at("snapshot").get<std::string>();
    r.engine = j.at("engine").get<std::string>();
    r.threshold = j.at("threshold").get<double>();
    r.detail_json = j.value("detail_json", std::string());
    for (const nlohmann::json& h : j.at("hits"))
      r.hits.push_back({h.at("entity_id").get<std::string>(), h.at("score").get<double>(),
                        h.at("matched_name").get<std::string>(), h.value("state", std::string())});
    return r;
  } catch (const nlohmann::json::exception& e) {
    return Status::InvalidArgument(std::string("audit record: ") + e.what());
  }
}

nlohmann::json CompareToJson(const std::string& a, const std::string& b, Schema schema) {
  Explanation x;
  const double score = CompareNames(a, b, schema, &x);
  return {{"a", a}, {"b", b}, {"score", score}, {"explanation", ExplanationToJson(x)}};
}

}  // namespace partyscreen::python
