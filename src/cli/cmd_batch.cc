#include "cli/cmd_batch.h"

#include <tbb/parallel_for.h>

#include <chrono>
#include <future>
#include <iomanip>
#include <iostream>
#include <optional>

#include "cli/batch_output.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/progress.h"
#include "cli/screen_many.h"
#include "core/atomic_file.h"
#include "core/input.h"
#include "partyscreen/decide.h"
#include "partyscreen/store.h"

namespace partyscreen::cli {

int RunBatch(const BatchArgs& args, std::ostream& out, std::ostream& err) {
  if (Status s = CheckThreshold(args.threshold); !s.ok()) {
    PrintError(err, s.message());
    return 2;
  }
  const Result<BatchFormat> format = ChooseBatchFormat(args.format, args.out);
  if (!format.ok()) {
    PrintError(err, format.status().message());
    return 2;
  }
  // A query file that cannot be read is reported before the lists load; its records are parsed
  // on a spare core while they do.
  const Result<std::string> query_bytes = ReadListFile(args.in);
  if (!query_bytes.ok()) {
    PrintError(err, query_bytes.status().ToString());
    return 1;
  }
  std::future<Result<QueryFile>> parsing =
      std::async(std::launch::async, [&] { return ParseQueries(*query_bytes, args.in); });
  auto screener = BuildScreenerOrReport(args.lists, args.max_list_age_days, err);
  Result<QueryFile> queries = parsing.get();
  if (!queries.ok()) {
    PrintError(err, queries.status().ToString());
    return 1;
  }
  for (const std::string& p : queries->problems) PrintError(err, args.in + " " + p + " (skipped)");
  if (!screener) return 1;
  const LeftAtExit keep(args.left_at_exit, screener);
  ScreenOptions opt;
  if (args.threshold >= 0) opt.threshold = args.threshold;
  opt.limit = args.limit;
  opt.explain = args.explain;
  // Written aside and renamed at the end: a killed run leaves the previous results intact.
  auto out_file = AtomicFile::Create(args.out);
  if (!out_file.ok()) {
    PrintError(err, out_file.status().ToString());
    return 1;
  }
  std::ostream& results_out = (*out_file)->stream();
  std::optional<DecisionRules> rules;
  DecideOptions decide_opt;
  ScreenOptions screen_opt = opt;  // with --decide, screen down to the review band
  if (args.decide) {
    auto r = DecisionRules::Embedded();
    if (!r.ok()) {
      PrintError(err, r.status().ToString());
      return 1;
    }
    rules = std::move(r).value();
    decide_opt.threshold = opt.threshold;
    decide_opt.limit = opt.limit;
    screen_opt.threshold = ReviewBandLower(*rules, decide_opt);
  }
  std::unique_ptr<AuditWriter> audit;
  if (!args.db.empty()) {
    auto w = AuditWriter::Open(args.db);
    if (!w.ok()) {
      PrintError(err, w.status().ToString());
      return 1;
    }
    audit = std::move(w).value();
  }
  const std::string who = CurrentUserName();
  const auto t0 = std::chrono::steady_clock::now();
  ProgressMeter progress(args.progress ? &err : nullptr, "batch", "rows");
  const BatchFormatter formatter(*format, args.explain, rules.has_value());
  results_out << formatter.Header();
  // One query's output line (and audit record), from all its hits down to the review band.
  struct Rendered {
    std::string text;
    std::optional<AuditRecord> audit;
  };
  auto render = [&](const Query& q, const std::vector<Hit>& results) {
    Rendered out;
    std::vector<Hit> hits;  // the hits at or above the threshold
    for (const Hit& h : results)
      if (h.score >= opt.threshold) hits.push_back(h);
    std::optional<Decision> decision;
    if (rules) {
      decision = DecideHits(*rules, Party{"", q}, results, ExportContext{args.eccns}, decide_opt);
      decision->snapshot_hash = screener->snapshot().hash;
    }
    if (audit) out.audit = ScreeningAuditRecord(who, q, *screener, opt, hits, "batch");
    out.text = formatter.Render(q, hits, decision ? &*decision : nullptr);
    return out;
  };
  // A chunk is rendered in parallel once it is screened, then written in input order.
  std::vector<Rendered> rendered;
  ScreenInChunks(*screener, queries->queries, screen_opt, args.threads, &progress,
                 [&](size_t begin, size_t end, std::vector<std::vector<Hit>>& results) {
                   rendered.assign(end - begin, {});
                   tbb::parallel_for(size_t{0}, end - begin, [&](size_t k) {
                     rendered[k] = render(queries->queries[begin + k].query, results[k]);
                     results[k] = {};
                   });
                   for (Rendered& r : rendered) {
                     if (r.audit) audit->Append(std::move(*r.audit));
                     results_out << r.text;
                   }
                 });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const size_t screened = queries->queries.size();
  int exit_code = 0;
  if (audit) {
    if (Status s = audit->Flush(); !s.ok()) {
      PrintError(err, "audit trail: " + s.ToString());
      exit_code = 1;
    }
  }
  if (Status s = (*out_file)->Commit(); !s.ok()) {
    PrintError(err, s.ToString());
    exit_code = 1;
  }
  err << "batch: " << screened << " queries, " << queries->problems.size() << " skipped, "
      << std::fixed << std::setprecision(2) << secs << " s, " << std::setprecision(0)
      << (secs > 0 ? screened / secs : 0) << " queries/s (" << args.threads << " thread(s))\n";
  // Exit 3 (as `customers import`): the results are complete for every line that was read, but
  // some input lines were not screened (named above as "(skipped)").
  if (!queries->problems.empty() && exit_code == 0) {
    err << "batch: " << queries->problems.size()
        << " input line(s) NOT screened (see the lines marked skipped above); exit 3\n";
    exit_code = 3;
  }
  return exit_code;
}

void RegisterBatchCommand(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<BatchArgs>();
  CLI::App* cmd =
      app.add_subcommand("batch", "Screen a file of names (JSON lines or CSV) in parallel");
  AddListOption(cmd, &args->lists, &args->max_list_age_days);
  cmd->add_option("--in", args->in,
                  "Queries: JSON lines {id,name,schema?,country?,birth_date?} or CSV with a header")
      ->required();
  cmd->add_option("--out", args->out,
                  "Results in input order: JSON lines {id,name,hits:[...]}, or CSV (one row per "
                  "hit) when the file ends in .csv")
      ->required();
  cmd->add_option("--format", args->format, "Results format: csv or jsonl (default: by --out)");
  AddProgressFlag(cmd, &args->progress);
  AddThresholdOption(cmd, &args->threshold);
  AddHitLimitOption(cmd, &args->limit, "At most this many hits per query");
  cmd->add_option("--threads,-j", args->threads, "Worker threads");
  cmd->add_flag("--explain", args->explain, "Add the explanation to every hit");
  cmd->add_flag("--decide", args->decide,
                "Add the legal outcome per query (docs/DECISIONS.md); weak hits give REVIEW");
  cmd->add_option("--eccn", args->eccns,
                  "With --decide: ECCN(s) of the items, for Entity List policies");
  AddAuditDbOption(cmd, &args->db, "Append every screening to the audit trail in this database");
  cmd->callback([args, &ctx]() {
    args->progress = WantProgress(args->progress);
    args->left_at_exit = &ctx.left_at_exit;
    ctx.exit_code = RunBatch(*args, std::cout, std::cerr);
  });
}

}  // namespace partyscreen::cli
