#include "cli/cmd_rescreen.h"

#include <future>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/progress.h"
#include "cli/store_access.h"

namespace partyscreen::cli {

namespace {

nlohmann::json AlertChangeJson(const AlertChange& a) {
  return {{"customer_id", a.customer_id},
          {"entity_id", a.entity_id},
          {"score", a.score},
          {"state", std::string(AlertStateName(a.state))}};
}

nlohmann::json ReportJson(const RescreenReport& r, double threshold, bool delta) {
  nlohmann::json j{{"run", r.run_id},
                   {"resumed", r.resumed},
                   {"snapshot", r.snapshot},
                   {"base_snapshot", r.base_snapshot},
                   {"engine", EngineVersion()},
                   {"threshold", threshold},
                   {"customers_screened", r.customers_screened},
                   {"customers_rescored", r.customers_rescored},
                   {"customers_indexed", r.customers_indexed},
                   {"customers_carried_forward", r.customers_carried_forward},
                   {"entities_searched", r.entities_searched},
                   {"matches_found", r.matches_found},
                   {"added_entities", r.added_entities},
                   {"removed_entities", r.removed_entities},
                   {"changed_entities", r.changed_entities},
                   {"alert_events", r.alert_events},
                   {"seconds", r.seconds}};
  if (delta) {
    j["register_index"] = r.register_index;
    const DeltaTimings& t = r.timings;
    j["timings"] = {{"diff", t.diff},
                    {"load", t.load},
                    {"screen_stale", t.screen_stale},
                    {"index", t.index},
                    {"index_read", t.index_read},
                    {"find", t.find},
                    {"commit", t.commit},
                    {"finish", t.finish}};
  }
  j["new_alerts"] = nlohmann::json::array();
  j["cleared_alerts"] = nlohmann::json::array();
  for (const AlertChange& c : r.new_alerts) j["new_alerts"].push_back(AlertChangeJson(c));
  for (const AlertChange& c : r.cleared_alerts) j["cleared_alerts"].push_back(AlertChangeJson(c));
  return j;
}

void PrintReportText(std::ostream& out, const RescreenReport& r, double threshold, bool delta) {
  out << (delta ? "delta re-screen" : "full re-screen") << (r.resumed ? " (resumed)" : "")
      << " against " << r.snapshot.substr(0, 12) << ", engine " << EngineVersion() << ", threshold "
      << threshold << ": " << r.customers_screened << " screened";
  if (delta)
    out << ", " << r.customers_rescored << " affected and " << r.customers_carried_forward
        << " carried forward (" << r.matches_found << " matches) for " << r.added_entities
        << " added / " << r.changed_entities << " changed / " << r.removed_entities
        << " removed entities since " << r.base_snapshot.substr(0, 12);
  out << "; " << r.new_alerts.size() << " new alert(s), " << r.cleared_alerts.size()
      << " cleared, in " << std::fixed << std::setprecision(2) << r.seconds << " s\n";
  if (delta) out << "register index: " << r.register_index << "\n";
  constexpr size_t kShown = 50;
  for (size_t i = 0; i < r.new_alerts.size() && i < kShown; ++i) {
    const AlertChange& c = r.new_alerts[i];
    out << "  new      " << c.customer_id << "  " << c.entity_id << "  " << std::setprecision(3)
        << c.score << "  [" << AlertStateName(c.state) << "]\n";
  }
  for (size_t i = 0; i < r.cleared_alerts.size() && i < kShown; ++i)
    out << "  cleared  " << r.cleared_alerts[i].customer_id << "  " << r.cleared_alerts[i].entity_id
        << "\n";
  if (r.new_alerts.size() > kShown || r.cleared_alerts.size() > kShown)
    out << "  (more: use --json)\n";
}

// The usage errors CLI11 also catches, for Args filled without it.
Status CheckRescreenArgs(const RescreenArgs& a) {
  if (!a.all && a.since.empty())
    return Status::InvalidArgument("rescreen: give --all or --since-snapshot OLD");
  if (a.all && !a.since.empty())
    return Status::InvalidArgument("rescreen: --all excludes --since-snapshot");
  if (Status s = CheckThreshold(a.threshold); !s.ok()) return s;
  if (a.chunk == 0) return Status::InvalidArgument("--chunk: must be positive");
  if (!(a.max_shrink >= 0 && a.max_shrink <= 1))
    return Status::InvalidArgument("--max-shrink: not a share from 0 to 1");
  return Status::Ok();
}

}  // namespace

int RunRescreen(const RescreenArgs& args, std::ostream& out, std::ostream& err) {
  if (Status s = CheckRescreenArgs(args); !s.ok()) {
    PrintError(err, s.message());
    return 2;
  }
  const std::optional<std::vector<Webhook>> webhooks = LoadWebhooksOrReport(args.webhook, err);
  if (!webhooks) return 2;
  // The base list version is read while the current one is loaded and indexed; its messages are
  // written to `err` after the current lists' (a stream is not shared between threads).
  std::ostringstream base_err;
  std::future<std::optional<EntitySet>> base_loading;
  if (!args.since.empty())
    base_loading = std::async(std::launch::async, [&args, &base_err] {
      return ResolveEntitySet(args.since, args.db, base_err);
    });
  auto screener = BuildScreenerOrReport(args.lists, args.max_list_age_days, err);
  std::optional<EntitySet> base;
  if (base_loading.valid()) {
    base = base_loading.get();
    err << base_err.str();
    if (!base) return 1;
  }
  if (!screener) return 1;
  auto db = OpenDbOrReport(args.db, err);
  if (!db) return 1;
  for (const Webhook& hook : *webhooks) {
    if (Status s = SubscribeWebhook(*db, hook); !s.ok()) {
      PrintError(err, s.ToString());
      return 1;
    }
  }
  RescreenOptions opt;
  if (args.threshold >= 0) opt.threshold = args.threshold;
  opt.threads = args.threads;
  opt.customers_per_chunk = args.chunk;
  opt.audit = !args.no_audit;
  opt.max_shrink = args.max_shrink;
  ProgressMeter progress(args.progress ? &err : nullptr, "rescreen", "customers");
  opt.progress = [&progress](uint64_t done, uint64_t total) { progress.Update(done, total); };
  Rescreener rescreener(*db, *screener);
  auto r = base ? rescreener.Delta(*base, opt) : rescreener.All(opt);
  progress.Finish();
  if (r.ok()) {
    if (args.json) {
      out << ReportJson(*r, opt.threshold, base.has_value()).dump(2) << "\n";
    } else {
      PrintReportText(out, *r, opt.threshold, base.has_value());
    }
  } else {
    PrintError(err, r.status().ToString());
  }
  const bool delivered = DeliverOrReport(*db, *webhooks, args.webhook.policy, err);
  if (!r.ok()) return 1;
  return delivered ? 0 : 3;
}

void RegisterRescreenCommand(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<RescreenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "rescreen", "Re-screen the customer register (all, or only what a list change affects)");
  auto* all = cmd->add_flag("--all", a->all, "Screen every customer against the current lists");
  auto* since = cmd->add_option(
      "--since-snapshot", a->since,
      "Delta: screen against what changed since this snapshot (hash in the db, or list specs)");
  all->excludes(since);
  AddListOption(cmd, &a->lists, &a->max_list_age_days, "Current lists (default: bundled snapshot)");
  AddThresholdOption(cmd, &a->threshold);
  cmd->add_option("--threads", a->threads, "Worker threads (default: all cores)");
  cmd->add_option("--chunk", a->chunk,
                  "Customers committed per transaction (a crash loses at most one chunk)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  AddJsonFlag(cmd, &a->json, "Print the report as JSON");
  cmd->add_flag("--no-audit", a->no_audit, "Do not write audit records (not recommended)");
  cmd->add_option("--max-shrink", a->max_shrink,
                  "Refuse lists in which a source lost more than this share of its entities "
                  "since the previous snapshot (1 = accept anything)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  AddStoreDbOption(cmd, &a->db);
  AddWebhookOptions(cmd, &a->webhook);
  AddProgressFlag(cmd, &a->progress);
  cmd->callback([a, &ctx] {
    a->progress = WantProgress(a->progress);
    ctx.exit_code = RunRescreen(*a, std::cout, std::cerr);
  });
}

}  // namespace partyscreen::cli
