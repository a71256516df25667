// The engine behind the Python package: one loaded snapshot and its Screener, screening records
// by the same rules and into the same JSON as `partyscreen batch` (records/, match/hit_json.h),
// so a result line from Python is byte for byte the line batch writes for the same record.
//
// Nothing here knows Python: src/python/module.cc binds it and releases the GIL around every
// call that screens. Errors come back as Status (the binding raises them as ValueError); a record
// that breaks a rule of records/query_record.h is reported in its RecordResult, never dropped.
// Thread safety: immutable after Load; every method is const and may run from many threads.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "partyscreen/decide.h"
#include "partyscreen/screener.h"
#include "partyscreen/status.h"
#include "partyscreen/store/audit.h"
#include "records/query_record.h"

namespace partyscreen::python {

struct ScreenManyOptions {
  double threshold = -1;           // < 0: the engine's default (DefaultThreshold())
  size_t limit = 10;               // hits per record
  bool explain = false;            // add the explanation to every hit (batch --explain)
  int threads = 1;                 // worker threads (at least 1)
  uint64_t first_line = 1;         // a record without an id gets first_line + its position (batch
                                   // gives it its line number: 1 for JSON lines, 2 for CSV rows)
  bool decide = false;             // batch --decide: screen down to the review band, add "decision"
  std::vector<std::string> eccns;  // batch --eccn, with decide
  bool audit = false;              // also the audit record batch --db appends (RecordResult::audit)
};

// One record: `line` is batch's result object {id, hits}; or `error` says why the record was
// not screened ("record 7: name: missing or empty"), and `line` is null.
struct RecordResult {
  nlohmann::json line;
  std::string error;
  // With ScreenManyOptions::audit: the record `batch --db` appends for it (AuditRecordToJson),
  // for the caller to append in input order; null otherwise.
  nlohmann::json audit;
};

// An audit record's screening fields as JSON, and back (kind and who are the appender's, the
// time is stamped when it is committed): lets the records of screenings done in other processes
// (Dask workers) be appended by one writer, identical to the ones batch appends itself.
nlohmann::json AuditRecordToJson(const AuditRecord& record);
Result<AuditRecord> AuditRecordFromJson(const std::string& text, const std::string& kind,
                                        const std::string& who);

// The snapshot hash Engine::Load(lists, data_dir) would report, from parsing the lists only (no
// screening index: a fraction of a load's time). A Dask client plans a job with it.
Result<std::string> SnapshotHashOf(const std::vector<std::string>& lists,
                                   const std::string& data_dir);

class Engine {
 public:
  // `lists`: --list arguments ("PATH" or "FORMAT:PATH"); empty = the bundled snapshot, from
  // `data_dir` when given (its default/) else DefaultDataDir().
  static Result<std::unique_ptr<Engine>> Load(const std::vector<std::string>& lists,
                                              const std::string& data_dir);

  const Screener& screener() const { return *screener_; }
  // {"hash", "entities", "engine", "sources": [lists --json form of each source]}
  nlohmann::json Info() const;

  // Records as JSON object text (batch's JSON-lines rule) or as text fields (its CSV rule).
  std::vector<RecordResult> ScreenJson(const std::vector<std::string>& records,
                                       const ScreenManyOptions& options) const;
  std::vector<RecordResult> ScreenFields(const std::vector<QueryFields>& records,
                                         const ScreenManyOptions& options) const;
  // A whole query file's text (JSON lines or CSV with a header), read exactly as batch reads it;
  // `label` names it in errors. Fails only when the text is not a query file at all.
  Result<std::vector<RecordResult>> ScreenText(const std::string& text, const std::string& label,
                                               const ScreenManyOptions& options) const;

  // The legal outcome of a transaction: the /check request body in, DecisionToJson out.
  Result<nlohmann::json> Check(const std::string& request_json) const;

 private:
  Engine(std::unique_ptr<Screener> screener, DecisionRules rules);
  std::vector<RecordResult> ScreenQueries(std::vector<Result<Query>> queries,
                                          const std::vector<uint64_t>& lines,
                                          const ScreenManyOptions& options) const;

  std::unique_ptr<Screener> screener_;
  DecisionRules rules_;
};

// What `partyscreen compare A B` prints, as an object: {"a", "b", "score", "explanation"}.
nlohmann::json CompareToJson(const std::string& a, const std::string& b, Schema schema);

}  // namespace partyscreen::python
