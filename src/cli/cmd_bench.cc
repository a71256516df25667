#include "cli/cmd_bench.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <random>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/screen_many.h"
#include "core/atomic_file.h"
#include "core/strings.h"

namespace partyscreen::cli {

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

size_t ResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (StartsWith(line, "VmRSS:")) return static_cast<size_t>(std::atoll(line.c_str() + 6)) * 1024;
  return 0;
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

// Every name of the lists as entity_id<TAB>name (tabs and newlines in names made spaces).
Status WriteAliasesTsv(const Snapshot& snap, const std::string& path) {
  auto tsv = AtomicFile::Create(path);
  if (!tsv.ok()) return tsv.status();
  for (const Entity& e : snap.entities)
    for (std::string_view n : e.AllNames()) {
      std::string clean(n);
      std::replace(clean.begin(), clean.end(), '\t', ' ');
      std::replace(clean.begin(), clean.end(), '\n', ' ');
      (*tsv)->stream() << e.id << '\t' << clean << '\n';
    }
  return (*tsv)->Commit();
}

}  // namespace

int RunBench(const BenchArgs& args, std::ostream& out, std::ostream& err) {
  if (Status s = CheckThreshold(args.threshold); !s.ok()) {
    PrintError(err, s.message());
    return 2;
  }
  if (args.rounds < 1 || args.rounds > 1000) {
    PrintError(err, "--rounds: " + std::to_string(args.rounds) + " is not in 1-1000");
    return 2;
  }
  std::vector<QueryLine> queries;
  if (!args.in.empty()) {
    auto file = ReadQueries(args.in);
    if (!file.ok()) {
      PrintError(err, file.status().ToString());
      return 1;
    }
    queries = std::move(file->queries);
  }
  const size_t rss0 = ResidentBytes();
  // Built afresh: the build's time and memory are among the figures reported.
  auto screener =
      BuildScreenerOrReport(args.lists, args.max_list_age_days, err, /*use_index_cache=*/false);
  if (!screener) return 1;
  if (!args.aliases_tsv.empty()) {
    if (Status s = WriteAliasesTsv(screener->snapshot(), args.aliases_tsv); !s.ok()) {
      PrintError(err, s.ToString());
      return 1;
    }
  }
  if (args.in.empty()) queries = SampleQueries(screener->snapshot(), 5000);
  if (queries.empty()) {
    PrintError(err, "no queries");
    return 1;
  }
  ScreenOptions opt;
  if (args.threshold >= 0) opt.threshold = args.threshold;
  opt.explain = false;
  for (size_t i = 0; i < std::min<size_t>(200, queries.size()); ++i)
    screener->Screen(queries[i].query, opt);  // warm-up
  std::vector<double> micros;                 // per query, over all rounds
  micros.reserve(queries.size() * args.rounds);
  std::vector<double> rates;  // queries/s of each round
  size_t hits = 0;
  for (int round = 0; round < args.rounds; ++round) {
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
  ScreenAll(*screener, queries, opt, args.threads, nullptr);
  const double multi = SecondsSince(t1);
  const Snapshot& snap = screener->snapshot();
  size_t names = 0;
  for (const Entity& e : snap.entities) names += 1 + e.aliases.size();
  out << std::fixed << std::setprecision(3);
  out << "engine            " << EngineVersion() << "\n"
      << "snapshot          " << snap.hash.substr(0, 12) << ", " << snap.entities.size()
      << " entities, " << names << " names\n"
      << "index build       " << screener->build_seconds() << " s, index ~"
      << screener->memory_bytes() / (1 << 20) << " MiB, process RSS " << ResidentBytes() / (1 << 20)
      << " MiB (before loading " << rss0 / (1 << 20) << " MiB)\n"
      << "queries           " << queries.size()
      << (args.in.empty() ? " (sample from the lists)" : "") << ", threshold " << opt.threshold
      << ", hits " << hits << "\n"
      << std::setprecision(0) << "1 thread          " << rates[rates.size() / 2]
      << " queries/s (median of " << rates.size() << " passes; best " << rates.back() << ")\n"
      << std::setprecision(1) << "latency           p50 " << micros[micros.size() / 2]
      << " us, p99 " << micros[micros.size() * 99 / 100] << " us, max " << micros.back() << " us\n"
      << std::setprecision(0) << args.threads << " threads         " << queries.size() / multi
      << " queries/s\n";
  return 0;
}

void RegisterBenchCommand(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure index build, queries/s, latency and memory");
  AddListOption(cmd, &args->lists, &args->max_list_age_days);
  cmd->add_option("--in", args->in,
                  "Queries (JSON lines or CSV); default: a sample made from the lists' names");
  cmd->add_option("--threads,-j", args->threads, "Threads for the throughput run");
  cmd->add_option("--rounds", args->rounds,
                  "Single-thread passes over the queries; the median and best pass are reported "
                  "(a shared machine makes single passes noisy)")
      ->check(CLI::Range(1, 1000));
  AddThresholdOption(cmd, &args->threshold);
  cmd->add_option("--aliases-tsv", args->aliases_tsv,
                  "Also write entity_id<TAB>name for every name of the lists (input of the peers "
                  "in shared/peers)");
  cmd->callback([args, &ctx]() { ctx.exit_code = RunBench(*args, std::cout, std::cerr); });
}

}  // namespace partyscreen::cli
