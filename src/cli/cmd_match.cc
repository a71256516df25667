// `partyscreen batch`, `partyscreen compare`, `partyscreen bench`: the engine over many names.
//
// batch   screens a query file (JSON lines or CSV with a header) in parallel, results in input
// order. compare scores two names (or a file of pairs) with the engine's name scoring, no corpus.
// bench   measures index build, queries/s, per-query latency (p50/p99) and memory on real lists.
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <random>
#include <sstream>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/atomic_file.h"
#include "core/input.h"
#include "core/strings.h"
#include "decide/decision_json.h"
#include "match/hit_json.h"
#include "normalize/country.h"
#include "partyscreen/decide.h"
#include "partyscreen/store.h"
#include "records/record_file.h"

namespace partyscreen::cli {

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct QueryLine {
  uint64_t line = 0;
  Query query;
};

struct QueryFile {
  std::vector<QueryLine> queries;
  std::vector<std::string> problems;  // "line N: reason"
};

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

// A query file (records/record_file.h); a record without an id gets its line number.
Result<QueryFile> ReadQueries(const std::string& path) {
  auto data = ReadListFile(path);
  if (!data.ok()) return data.status();
  QueryFile out;
  Status s =
      ForEachRecord(*data, path, /*require_id=*/false, [&](uint64_t line, Result<Query> record) {
        if (!record.ok()) {
          out.problems.push_back("line " + std::to_string(line) + ": " + record.status().message());
          return Status::Ok();
        }
        QueryLine ql{line, std::move(record).value()};
        if (ql.query.id.empty()) ql.query.id = std::to_string(line);
        out.queries.push_back(std::move(ql));
        return Status::Ok();
      });
  if (!s.ok()) return s;
  return out;
}

size_t ResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (StartsWith(line, "VmRSS:")) return static_cast<size_t>(std::atoll(line.c_str() + 6)) * 1024;
  return 0;
}

// Screens every query with `threads` workers; results[i] belongs to queries[i].
std::vector<std::vector<Hit>> ScreenAll(const Screener& screener,
                                        const std::vector<QueryLine>& queries,
                                        const ScreenOptions& options, int threads, bool progress) {
  std::vector<std::vector<Hit>> results(queries.size());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, std::max(1, threads));
  const size_t chunk = 2000;
  for (size_t begin = 0; begin < queries.size(); begin += chunk) {
    const size_t end = std::min(queries.size(), begin + chunk);
    tbb::parallel_for(tbb::blocked_range<size_t>(begin, end, 16),
                      [&](const tbb::blocked_range<size_t>& r) {
                        for (size_t i = r.begin(); i != r.end(); ++i)
                          results[i] = screener.Screen(queries[i].query, options);
                      });
    if (progress)
      std::cerr << "\r" << end << " / " << queries.size() << " queries ("
                << (100 * end / queries.size()) << "%)" << std::flush;
  }
  if (progress) std::cerr << "\n";
  return results;
}

void RegisterBatch(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::vector<std::string> lists;
    std::string in, out;
    double threshold = -1;
    size_t limit = 10;
    int threads = 1;
    bool explain = false;
    bool decide = false;
    std::vector<std::string> eccns;
    std::string db;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("batch", "Screen a file of names (JSON lines or CSV) in parallel");
  cmd->add_option("--list,-l", args->lists,
                  "List file or directory, optionally FORMAT:PATH (default: bundled snapshot)");
  cmd->add_option("--in", args->in,
                  "Queries: JSON lines {id,name,schema?,country?,birth_date?} or CSV with a header")
      ->required();
  cmd->add_option("--out", args->out, "Results, JSON lines {id,hits:[...]}, in input order")
      ->required();
  cmd->add_option("--threshold,-t", args->threshold,
                  "Minimum score (default: the engine's documented default)")
      ->check(CLI::Range(0.0, 1.0).description("a score from 0 to 1, e.g. 0.8"));
  cmd->add_option("--limit,-k", args->limit, "At most this many hits per query");
  cmd->add_option("--threads,-j", args->threads, "Worker threads");
  cmd->add_flag("--explain", args->explain, "Add the explanation to every hit");
  cmd->add_flag("--decide", args->decide,
                "Add the legal outcome per query (docs/DECISIONS.md); weak hits give REVIEW");
  cmd->add_option("--eccn", args->eccns,
                  "With --decide: ECCN(s) of the items, for Entity List policies");
  cmd->add_option("--db", args->db, "Append every screening to the audit trail in this database");
  cmd->callback([args, &ctx]() {
    auto queries = ReadQueries(args->in);
    if (!queries.ok()) {
      PrintError(queries.status().ToString());
      ctx.exit_code = 1;
      return;
    }
    for (const std::string& p : queries->problems) PrintError(args->in + " " + p + " (skipped)");
    auto screener = BuildScreenerOrReport(args->lists);
    if (!screener) {
      ctx.exit_code = 1;
      return;
    }
    ScreenOptions opt;
    if (args->threshold >= 0) opt.threshold = args->threshold;
    opt.limit = args->limit;
    opt.explain = args->explain;
    // Written aside and renamed at the end: a killed run leaves the previous results intact.
    auto out_file = AtomicFile::Create(args->out);
    if (!out_file.ok()) {
      PrintError(out_file.status().ToString());
      ctx.exit_code = 1;
      return;
    }
    std::ostream& out = (*out_file)->stream();
    std::optional<DecisionRules> rules;
    DecideOptions decide_opt;
    ScreenOptions screen_opt = opt;  // with --decide, screen down to the review band
    if (args->decide) {
      auto r = DecisionRules::Embedded();
      if (!r.ok()) {
        PrintError(r.status().ToString());
        ctx.exit_code = 1;
        return;
      }
      rules = std::move(r).value();
      decide_opt.threshold = opt.threshold;
      decide_opt.limit = opt.limit;
      screen_opt.threshold = ReviewBandLower(*rules, decide_opt);
    }
    std::unique_ptr<AuditWriter> audit;
    if (!args->db.empty()) {
      auto w = AuditWriter::Open(args->db);
      if (!w.ok()) {
        PrintError(w.status().ToString());
        ctx.exit_code = 1;
        return;
      }
      audit = std::move(w).value();
    }
    const std::string who = CurrentUserName();
    const auto t0 = Clock::now();
    const auto results = ScreenAll(*screener, queries->queries, screen_opt, args->threads,
                                   isatty(STDERR_FILENO) != 0);
    const double secs = SecondsSince(t0);
    for (size_t i = 0; i < results.size(); ++i) {
      const Query& q = queries->queries[i].query;
      std::vector<Hit> hits;  // the hits at or above the threshold
      for (const Hit& h : results[i])
        if (h.score >= opt.threshold) hits.push_back(h);
      nlohmann::json j{{"id", q.id}};
      j["hits"] = nlohmann::json::array();
      for (const Hit& h : hits) j["hits"].push_back(HitToJson(h, args->explain));
      if (rules) {
        Decision d =
            DecideHits(*rules, Party{"", q}, results[i], ExportContext{args->eccns}, decide_opt);
        d.snapshot_hash = screener->snapshot().hash;
        j["decision"] = DecisionToJson(d);
      }
      if (audit) audit->Append(ScreeningAuditRecord(who, q, *screener, opt, hits, "batch"));
      out << j.dump() << "\n";
    }
    if (audit) {
      if (Status s = audit->Flush(); !s.ok()) {
        PrintError("audit trail: " + s.ToString());
        ctx.exit_code = 1;
      }
    }
    if (Status s = (*out_file)->Commit(); !s.ok()) {
      PrintError(s.ToString());
      ctx.exit_code = 1;
    }
    std::cerr << "batch: " << results.size() << " queries, " << queries->problems.size()
              << " skipped, " << std::fixed << std::setprecision(2) << secs << " s, "
              << std::setprecision(0) << (secs > 0 ? results.size() / secs : 0) << " queries/s ("
              << args->threads << " thread(s))\n";
    // Exit 3 (as `customers import`): the results are complete for every line that was read, but
    // some input lines were not screened (named above as "(skipped)").
    if (!queries->problems.empty() && ctx.exit_code == 0) {
      std::cerr << "batch: " << queries->problems.size()
                << " input line(s) NOT screened (see the lines marked skipped above); exit 3\n";
      ctx.exit_code = 3;
    }
  });
}

void PrintExplanation(const Explanation& x) {
  std::cout << "  query \"" << x.normalized_query << "\" vs \"" << x.normalized_name << "\"\n";
  for (const TokenAlignment& t : x.aligned)
    std::cout << "  " << t.query_token << " ~ " << t.list_token << "  " << std::setprecision(3)
              << t.similarity << "\n";
  for (const std::string& t : x.unmatched_query_tokens)
    std::cout << "  first name's word not matched: " << t << "\n";
  for (const std::string& t : x.unmatched_list_tokens)
    std::cout << "  second name's word not matched: " << t << "\n";
  for (const std::string& a : x.attributes) std::cout << "  " << a << "\n";
  std::cout << "  " << x.summary << "\n";
}

void RegisterCompare(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::vector<std::string> names;
    std::string schema, in, out;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("compare", "Score two names against each other (or a file of pairs)");
  cmd->add_option("names", args->names, "Two names: A B")->expected(0, 2);
  cmd->add_option("--schema", args->schema, "Person, Organization, Vessel or Aircraft");
  cmd->add_option("--in", args->in, "Pairs, JSON lines {id,a,b,schema?}");
  cmd->add_option("--out", args->out, "Scores, JSON lines {id,score} (default: stdout)");
  cmd->callback([args, &ctx]() {
    const Schema schema = ParseSchema(args->schema);
    if (!args->in.empty()) {
      auto data = ReadListFile(args->in);
      if (!data.ok()) {
        PrintError(data.status().ToString());
        ctx.exit_code = 1;
        return;
      }
      std::unique_ptr<AtomicFile> file;
      if (!args->out.empty()) {
        auto created = AtomicFile::Create(args->out);
        if (!created.ok()) {
          PrintError(created.status().ToString());
          ctx.exit_code = 1;
          return;
        }
        file = std::move(created).value();
      }
      std::ostream& out = file ? file->stream() : std::cout;
      std::istringstream in(*data);
      std::string line;
      uint64_t n = 0, skipped = 0;
      while (std::getline(in, line)) {
        ++n;
        if (Trim(line).empty()) continue;
        nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        std::string err;
        const bool object = !j.is_discarded() && j.is_object();
        const std::string a = object ? JsonText(j, "a", err) : "",
                          b = object ? JsonText(j, "b", err) : "",
                          s = object ? JsonText(j, "schema", err) : "",
                          id = object ? JsonText(j, "id", err) : "";
        if (!object || !err.empty() || a.empty() || b.empty()) {
          PrintError(args->in + " line " + std::to_string(n) +
                     ": needs a JSON object with the strings \"a\" and \"b\" (skipped)");
          ++skipped;
          continue;
        }
        const double score = CompareNames(a, b, s.empty() ? schema : ParseSchema(s));
        out << nlohmann::json{{"id", id}, {"score", score}}.dump() << "\n";
      }
      if (file) {
        if (Status s = file->Commit(); !s.ok()) {
          PrintError(s.ToString());
          ctx.exit_code = 1;
          return;
        }
      }
      if (skipped) ctx.exit_code = 1;
      return;
    }
    if (args->names.size() != 2) {
      PrintError("compare needs two names, or --in PAIRS.jsonl");
      ctx.exit_code = 2;
      return;
    }
    Explanation x;
    const double score = CompareNames(args->names[0], args->names[1], schema, &x);
    std::cout << std::fixed << std::setprecision(3) << score << "\n";
    PrintExplanation(x);
  });
}

// A reproducible sample of realistic queries made from the snapshot's own names: every k-th
// entity's primary name, some with a typo, some reordered, some with an innocent word added.
std::vector<QueryLine> SampleQueries(const Snapshot& snap, size_t count) {
  std::vector<QueryLine> out;
  if (snap.entities.empty()) return out;
  std::mt19937 rng(20240702);
  const size_t step = std::max<size_t>(1, snap.entities.size() / count);
  for (size_t i = 0; i < snap.entities.size() && out.size() < count; i += step) {
    std::string name = snap.entities[i].name;
    switch (rng() % 4) {
      case 0:
        if (name.size() > 4) name[1 + rng() % (name.size() - 2)] = 'x';
        break;
      case 1:
        if (auto sp = name.find(' '); sp != std::string::npos)
          name = name.substr(sp + 1) + " " + name.substr(0, sp);
        break;
      case 2:
        name = "Global " + name + " Trading";
        break;
      default:
        break;
    }
    QueryLine q;
    q.line = out.size() + 1;
    q.query.id = "sample-" + std::to_string(out.size());
    q.query.name = name;
    out.push_back(std::move(q));
  }
  return out;
}

void RegisterBench(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::vector<std::string> lists;
    std::string in;
    int threads = 2;
    int rounds = 5;
    double threshold = -1;
    std::string aliases_tsv;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure index build, queries/s, latency and memory");
  cmd->add_option("--list,-l", args->lists, "List file or directory (default: bundled snapshot)");
  cmd->add_option("--in", args->in,
                  "Queries (JSON lines or CSV); default: a sample made from the lists' names");
  cmd->add_option("--threads,-j", args->threads, "Threads for the throughput run");
  cmd->add_option("--rounds", args->rounds,
                  "Single-thread passes over the queries; the median and best pass are reported "
                  "(a shared machine makes single passes noisy)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--threshold,-t", args->threshold, "Threshold (default: the engine's default)")
      ->check(CLI::Range(0.0, 1.0).description("a score from 0 to 1, e.g. 0.8"));
  cmd->add_option("--aliases-tsv", args->aliases_tsv,
                  "Also write entity_id<TAB>name for every name of the lists (input of the peers "
                  "in shared/peers)");
  cmd->callback([args, &ctx]() {
    const size_t rss0 = ResidentBytes();
    auto screener = BuildScreenerOrReport(args->lists);
    if (!screener) {
      ctx.exit_code = 1;
      return;
    }
    if (!args->aliases_tsv.empty()) {
      auto tsv = AtomicFile::Create(args->aliases_tsv);
      if (!tsv.ok()) {
        PrintError(tsv.status().ToString());
        ctx.exit_code = 1;
        return;
      }
      for (const Entity& e : screener->snapshot().entities)
        for (std::string_view n : e.AllNames()) {
          std::string clean(n);
          std::replace(clean.begin(), clean.end(), '\t', ' ');
          std::replace(clean.begin(), clean.end(), '\n', ' ');
          (*tsv)->stream() << e.id << '\t' << clean << '\n';
        }
      if (Status s = (*tsv)->Commit(); !s.ok()) {
        PrintError(s.ToString());
        ctx.exit_code = 1;
        return;
      }
    }
    std::vector<QueryLine> queries;
    if (!args->in.empty()) {
      auto file = ReadQueries(args->in);
      if (!file.ok()) {
        PrintError(file.status().ToString());
        ctx.exit_code = 1;
        return;
      }
      queries = std::move(file->queries);
    } else {
      queries = SampleQueries(screener->snapshot(), 5000);
    }
    if (queries.empty()) {
      PrintError("no queries");
      ctx.exit_code = 1;
      return;
    }
    ScreenOptions opt;
    if (args->threshold >= 0) opt.threshold = args->threshold;
    opt.explain = false;
    for (size_t i = 0; i < std::min<size_t>(200, queries.size()); ++i)
      screener->Screen(queries[i].query, opt);  // warm-up
    std::vector<double> micros;                 // per query, over all rounds
    micros.reserve(queries.size() * args->rounds);
    std::vector<double> rates;  // queries/s of each round
    size_t hits = 0;
    for (int round = 0; round < args->rounds; ++round) {
      hits = 0;
      const auto t0 = Clock::now();
      for (const QueryLine& q : queries) {
        const auto s = Clock::now();
        hits += screener->Screen(q.query, opt).size();
        micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
      }
      rates.push_back(queries.size() / SecondsSince(t0));
    }
    std::sort(rates.begin(), rates.end());
    std::sort(micros.begin(), micros.end());
    const auto t1 = Clock::now();
    ScreenAll(*screener, queries, opt, args->threads, false);
    const double multi = SecondsSince(t1);
    const Snapshot& snap = screener->snapshot();
    size_t names = 0;
    for (const Entity& e : snap.entities) names += 1 + e.aliases.size();
    std::cout << std::fixed << std::setprecision(3);
    std::cout << "engine            " << EngineVersion() << "\n"
              << "snapshot          " << snap.hash.substr(0, 12) << ", " << snap.entities.size()
              << " entities, " << names << " names\n"
              << "index build       " << screener->build_seconds() << " s, index ~"
              << screener->memory_bytes() / (1 << 20) << " MiB, process RSS "
              << ResidentBytes() / (1 << 20) << " MiB (before loading " << rss0 / (1 << 20)
              << " MiB)\n"
              << "queries           " << queries.size()
              << (args->in.empty() ? " (sample from the lists)" : "") << ", threshold "
              << opt.threshold << ", hits " << hits << "\n"
              << std::setprecision(0) << "1 thread          " << rates[rates.size() / 2]
              << " queries/s (median of " << rates.size() << " passes; best " << rates.back()
              << ")\n"
              << std::setprecision(1) << "latency           p50 " << micros[micros.size() / 2]
              << " us, p99 " << micros[micros.size() * 99 / 100] << " us, max " << micros.back()
              << " us\n"
              << std::setprecision(0) << args->threads << " threads         "
              << queries.size() / multi << " queries/s\n";
  });
}

}  // namespace

void RegisterMatchCommands(CLI::App& app, CliContext& ctx) {
  RegisterBatch(app, ctx);
  RegisterCompare(app, ctx);
  RegisterBench(app, ctx);
}

}  // namespace partyscreen::cli
