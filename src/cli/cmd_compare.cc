#include "cli/cmd_compare.h"

#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/options.h"
#include "core/atomic_file.h"
#include "core/input.h"
#include "core/strings.h"
#include "partyscreen/screener.h"

namespace partyscreen::cli {

namespace {

// The text of `key` in a compare pair: "" when absent or null; an integer is accepted for "id"
// only. Any other type sets `error`, so the line is skipped rather than read as something else.
std::string JsonText(const nlohmann::json& j, const char* key, std::string& error) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer() && std::string_view(key) == "id")
    return std::to_string(it->get<long long>());
  if (error.empty()) error = std::string("\"") + key + "\" is not a string";
  return "";
}

void PrintExplanation(std::ostream& out, const Explanation& x) {
  out << "  query \"" << x.normalized_query << "\" vs \"" << x.normalized_name << "\"\n";
  for (const TokenAlignment& t : x.aligned)
    out << "  " << t.query_token << " ~ " << t.list_token << "  " << std::setprecision(3)
        << t.similarity << "\n";
  for (const std::string& t : x.unmatched_query_tokens)
    out << "  first name's word not matched: " << t << "\n";
  for (const std::string& t : x.unmatched_list_tokens)
    out << "  second name's word not matched: " << t << "\n";
  for (const std::string& a : x.attributes) out << "  " << a << "\n";
  out << "  " << x.summary << "\n";
}

// --in: one score per pair, to --out or `out`.
int ComparePairs(const CompareArgs& args, Schema schema, std::ostream& out, std::ostream& err) {
  auto data = ReadListFile(args.in);
  if (!data.ok()) {
    PrintError(err, data.status().ToString());
    return 1;
  }
  std::unique_ptr<AtomicFile> file;  // --out: written aside, renamed when complete
  if (!OpenOutputOrReport(args.out, err, &file)) return 1;
  std::ostream& scores = file ? file->stream() : out;
  std::istringstream in(*data);
  std::string line;
  uint64_t n = 0, skipped = 0;
  while (std::getline(in, line)) {
    ++n;
    if (Trim(line).empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    std::string error;
    const bool object = !j.is_discarded() && j.is_object();
    const std::string a = object ? JsonText(j, "a", error) : "",
                      b = object ? JsonText(j, "b", error) : "",
                      s = object ? JsonText(j, "schema", error) : "",
                      id = object ? JsonText(j, "id", error) : "";
    if (!object || !error.empty() || a.empty() || b.empty()) {
      PrintError(err, args.in + " line " + std::to_string(n) +
                          ": needs a JSON object with the strings \"a\" and \"b\" (skipped)");
      ++skipped;
      continue;
    }
    const double score = CompareNames(a, b, s.empty() ? schema : ParseSchema(s));
    scores << nlohmann::json{{"id", id}, {"score", score}}.dump() << "\n";
  }
  if (file) {
    if (Status s = file->Commit(); !s.ok()) {
      PrintError(err, s.ToString());
      return 1;
    }
  }
  return skipped ? 1 : 0;
}

}  // namespace

int RunCompare(const CompareArgs& args, std::ostream& out, std::ostream& err) {
  if (Status s = CheckSchemaName(args.schema); !s.ok()) {
    PrintError(err, s.message());
    return 2;
  }
  const Schema schema = ParseSchema(args.schema);
  if (!args.in.empty()) return ComparePairs(args, schema, out, err);
  if (args.names.size() != 2) {
    PrintError(err, "compare needs two names, or --in PAIRS.jsonl");
    return 2;
  }
  Explanation x;
  const double score = CompareNames(args.names[0], args.names[1], schema, &x);
  out << std::fixed << std::setprecision(3) << score << "\n";
  PrintExplanation(out, x);
  return 0;
}

void RegisterCompareCommand(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<CompareArgs>();
  CLI::App* cmd =
      app.add_subcommand("compare", "Score two names against each other (or a file of pairs)");
  cmd->add_option("names", args->names, "Two names: A B")->expected(0, 2);
  AddSchemaOption(cmd, &args->schema);
  cmd->add_option("--in", args->in, "Pairs, JSON lines {id,a,b,schema?}");
  cmd->add_option("--out", args->out, "Scores, JSON lines {id,score} (default: stdout)");
  cmd->callback([args, &ctx]() { ctx.exit_code = RunCompare(*args, std::cout, std::cerr); });
}

}  // namespace partyscreen::cli
