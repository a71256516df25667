// The extension module partyscreen._native (python/partyscreen/__init__.py is its public face).
// Binds python/engine.h: every call that loads or screens releases the GIL, so Python threads
// and the engine's own threads (screen_many) run in parallel; results become plain Python
// objects (json_to_python.h) or, on request, the JSON text of batch's result lines. Errors are
// raised as ValueError carrying the Status text (which names the file, record or field).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "partyscreen/store/audit_writer.h"
#include "python/engine.h"
#include "python/json_to_python.h"
#include "records/query_record.h"

namespace py = pybind11;

namespace partyscreen::python {
namespace {

template <typename T>
T ValueOrRaise(Result<T> result) {
  if (!result.ok()) throw py::value_error(result.status().ToString());
  return std::move(result).value();
}

ScreenManyOptions Options(double threshold, size_t limit, bool explain, int threads,
                          uint64_t first_line, bool decide = false,
                          std::vector<std::string> eccns = {}, bool audit = false) {
  if (threshold > 1) throw py::value_error("threshold: must be a score from 0 to 1");
  ScreenManyOptions o;
  o.threshold = threshold;
  o.limit = limit;
  o.explain = explain;
  o.threads = threads;
  o.first_line = first_line;
  o.decide = decide;
  o.eccns = std::move(eccns);
  o.audit = audit;
  return o;
}

// (lines, errors): lines[i] is record i's result (a dict, or its JSON text with `as_text`) or
// None; errors[i] is "" or why record i was not screened. With `audit`, a third list: the JSON
// text of record i's audit record (AuditRecordToJson), or None.
py::tuple ToPython(const std::vector<RecordResult>& results, bool as_text, bool audit = false) {
  std::vector<std::string> texts, audits;
  {
    py::gil_scoped_release release;
    if (as_text) texts.resize(results.size());
    if (audit) audits.resize(results.size());
    for (size_t i = 0; i < results.size(); ++i) {
      if (!results[i].error.empty()) continue;
      // batch's dump: invalid UTF-8 replaced, never an exception
      if (as_text)
        texts[i] = results[i].line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      if (audit)
        audits[i] = results[i].audit.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  py::list lines, errors, audit_list;
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].error.empty()) {
      lines.append(py::none());
      if (audit) audit_list.append(py::none());
    } else {
      if (as_text) {
        lines.append(py::str(texts[i]));
      } else {
        lines.append(JsonToPython(results[i].line));
      }
      if (audit) audit_list.append(py::str(audits[i]));
    }
    errors.append(py::str(results[i].error));
  }
  if (audit) return py::make_tuple(lines, errors, audit_list);
  return py::make_tuple(lines, errors);
}

// The client end of a distributed `batch --db`: appends the audit records workers returned
// (AuditRecordToJson text), in the order given, through one AuditWriter (batched commits).
class AuditSink {
 public:
  explicit AuditSink(const std::string& location) {
    py::gil_scoped_release release;
    writer_ = ValueOrRaise(AuditWriter::Open(location));
  }
  void Append(const std::vector<std::string>& records, const std::string& kind,
              const std::string& who) {
    py::gil_scoped_release release;
    for (const std::string& text : records)
      writer_->Append(ValueOrRaise(AuditRecordFromJson(text, kind, who)));
  }
  void Flush() {
    Status s;
    {
      py::gil_scoped_release release;
      s = writer_->Flush();
    }
    if (!s.ok()) throw py::value_error("audit trail: " + s.ToString());
  }

 private:
  std::unique_ptr<AuditWriter> writer_;
};

}  // namespace

PYBIND11_MODULE(_native, m) {
  m.doc() = "partyscreen's C++ engine (use the partyscreen package, not this module)";
  m.def("engine_version", &EngineVersion);
  m.def("default_threshold", &DefaultThreshold);
  m.def(
      "compare",
      [](const std::string& a, const std::string& b, const std::string& schema) {
        const Schema s = ValueOrRaise(SchemaFromName(schema, "schema"));
        return JsonToPython(CompareToJson(a, b, s));
      },
      py::arg("a"), py::arg("b"), py::arg("schema") = "");

  py::class_<AuditSink>(m, "AuditSink")
      .def(py::init<const std::string&>(), py::arg("location"))
      .def("append", &AuditSink::Append, py::arg("records"), py::arg("kind"), py::arg("who"))
      .def("flush", &AuditSink::Flush);
  m.def("current_user_name", &CurrentUserName);
  m.def(
      "snapshot_hash",
      [](const std::vector<std::string>& lists, const std::string& data_dir) {
        Result<std::string> hash = Status::Internal("not run");
        {
          py::gil_scoped_release release;
          hash = SnapshotHashOf(lists, data_dir);
        }
        return ValueOrRaise(std::move(hash));
      },
      py::arg("lists") = std::vector<std::string>{}, py::arg("data_dir") = "");

  py::class_<Engine>(m, "Engine")
      .def(py::init([](const std::vector<std::string>& lists, const std::string& data_dir) {
             py::gil_scoped_release release;
             return ValueOrRaise(Engine::Load(lists, data_dir));
           }),
           py::arg("lists") = std::vector<std::string>{}, py::arg("data_dir") = "")
      .def("info", [](const Engine& e) { return JsonToPython(e.Info()); })
      .def(
          "screen_json",
          [](const Engine& e, const std::vector<std::string>& records, double threshold,
             size_t limit, bool explain, int threads, uint64_t first_line, bool as_text,
             bool decide, std::vector<std::string> eccns, bool audit) {
            const ScreenManyOptions o = Options(threshold, limit, explain, threads, first_line,
                                                decide, std::move(eccns), audit);
            std::vector<RecordResult> results;
            {
              py::gil_scoped_release release;
              results = e.ScreenJson(records, o);
            }
            return ToPython(results, as_text, audit);
          },
          py::arg("records"), py::arg("threshold"), py::arg("limit"), py::arg("explain"),
          py::arg("threads"), py::arg("first_line"), py::arg("as_text"), py::arg("decide") = false,
          py::arg("eccns") = std::vector<std::string>{}, py::arg("audit") = false)
      .def(
          "screen_fields",
          [](const Engine& e, const std::map<std::string, std::vector<std::string>>& columns,
             double threshold, size_t limit, bool explain, int threads, uint64_t first_line,
             bool as_text, bool decide, std::vector<std::string> eccns, bool audit) {
            const ScreenManyOptions o = Options(threshold, limit, explain, threads, first_line,
                                                decide, std::move(eccns), audit);
            size_t rows = 0;
            for (const auto& [name, values] : columns) rows = std::max(rows, values.size());
            std::vector<QueryFields> records(rows);
            for (const auto& [name, values] : columns) {
              if (values.size() != rows) throw py::value_error("column " + name + ": length");
              for (size_t i = 0; i < rows; ++i) {
                QueryFields& f = records[i];
                std::string* field = name == "id"            ? &f.id
                                     : name == "name"        ? &f.name
                                     : name == "schema"      ? &f.schema
                                     : name == "country"     ? &f.country
                                     : name == "birth_date"  ? &f.birth_date
                                     : name == "identifiers" ? &f.identifiers
                                                             : nullptr;
                if (field == nullptr) break;  // a column screening does not read
                *field = values[i];
              }
            }
            std::vector<RecordResult> results;
            {
              py::gil_scoped_release release;
              results = e.ScreenFields(records, o);
            }
            return ToPython(results, as_text, audit);
          },
          py::arg("columns"), py::arg("threshold"), py::arg("limit"), py::arg("explain"),
          py::arg("threads"), py::arg("first_line"), py::arg("as_text"), py::arg("decide") = false,
          py::arg("eccns") = std::vector<std::string>{}, py::arg("audit") = false)
      .def(
          "screen_text",
          [](const Engine& e, const std::string& text, const std::string& label, double threshold,
             size_t limit, bool explain, int threads, bool as_text) {
            const ScreenManyOptions o = Options(threshold, limit, explain, threads, 1);
            Result<std::vector<RecordResult>> results = Status::Internal("not run");
            {
              py::gil_scoped_release release;
              results = e.ScreenText(text, label, o);
            }
            return ToPython(ValueOrRaise(std::move(results)), as_text);
          },
          py::arg("text"), py::arg("label"), py::arg("threshold"), py::arg("limit"),
          py::arg("explain"), py::arg("threads"), py::arg("as_text"))
      .def("check", [](const Engine& e, const std::string& request_json) {
        Result<nlohmann::json> decision = Status::Internal("not run");
        {
          py::gil_scoped_release release;
          decision = e.Check(request_json);
        }
        return JsonToPython(ValueOrRaise(std::move(decision)));
      });
}

}  // namespace partyscreen::python
