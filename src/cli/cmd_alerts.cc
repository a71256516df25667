#include "cli/cmd_alerts.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <regex>
#include <tuple>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/options.h"
#include "cli/store_access.h"
#include "core/strings.h"
#include "fmt/chrono.h"
#include "fmt/format.h"
#include "notify/event_payload.h"

namespace partyscreen::cli {

namespace {

void PrintTable(std::ostream& out, const std::vector<AlertEvent>& events) {
  out << fmt::format("{:<24}  {:<8}  {:<16}  {:<20}  {:<6}  {:>5}  {}\n", "time", "type",
                     "customer", "entity", "list", "score", "state");
  for (const AlertEvent& e : events)
    out << fmt::format("{:<24}  {:<8}  {:<16}  {:<20}  {:<6}  {:>5.3f}  {}\n", e.time,
                       AlertEventKindName(e.kind), e.customer_id, e.entity_id, e.list, e.score,
                       e.state);
  out << events.size() << " event(s)\n";
}

}  // namespace

std::optional<std::string> ParseSinceTime(const std::string& text) {
  static const std::regex kIso(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?Z?)");
  if (std::regex_match(text, kIso))
    return EndsWith(text, "Z") ? text.substr(0, text.size() - 1) : text;
  double seconds = 0;
  if (!ParsePeriod(text, seconds)) return std::nullopt;
  const auto since = std::chrono::system_clock::now() -
                     std::chrono::duration_cast<std::chrono::system_clock::duration>(
                         std::chrono::duration<double>(seconds));
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(since)));
}

namespace {

void PrintDeadLetters(std::ostream& out, const std::vector<DeadLetter>& letters, bool json) {
  if (json) {
    for (const DeadLetter& d : letters) {
      nlohmann::json line = EventPayload(d.event);
      line["dead_letter"] = {{"webhook", d.label}, {"set_aside_at", d.time}, {"error", d.error}};
      out << line.dump() << "\n";
    }
    return;
  }
  out << fmt::format("{:<24}  {:<16}  {:<20}  {:<36}  {}\n", "set aside", "customer", "entity",
                     "webhook", "last refusal");
  for (const DeadLetter& d : letters)
    out << fmt::format("{:<24}  {:<16}  {:<20}  {:<36}  {}\n", d.time, d.event.customer_id,
                       d.event.entity_id, d.label, d.error);
  out << letters.size() << " dead letter(s)\n";
}

// `alerts --redeliver-dead-letters`: each webhook's dead letters sent again; true when none is
// left.
bool RedeliverOrReport(Database& db, const std::vector<Webhook>& hooks, const RetryPolicy& policy,
                       std::ostream& err) {
  bool all = true;
  for (const Webhook& hook : hooks) {
    const std::string label = WebhookLabel(hook.url);
    Result<DeliveryReport> r = RedeliverDeadLetters(db, hook, policy);
    if (!r.ok()) {
      PrintError(err, "webhook " + label + ": " + r.status().message());
      all = false;
      continue;
    }
    err << "partyscreen: webhook " << label << ": " << r->delivered << " dead letter(s) delivered";
    if (r->pending > 0)
      err << "; " << r->pending << " still refused or undelivered (" << r->error << ")";
    err << "\n";
    all = all && r->pending == 0;
  }
  return all;
}

}  // namespace

int RunAlerts(const AlertsArgs& args, std::ostream& out, std::ostream& err) {
  if (args.new_since.empty() && !args.deliver && !args.dead_letters &&
      !args.redeliver_dead_letters && args.prune_before.empty()) {
    PrintError(err,
               "alerts: give --new-since TIME, --deliver, --dead-letters, "
               "--redeliver-dead-letters or --prune-before TIME");
    return 2;
  }
  std::optional<std::string> since, prune_before;
  for (const auto& [flag, text, parsed] :
       {std::tuple{"--new-since", &args.new_since, &since},
        std::tuple{"--prune-before", &args.prune_before, &prune_before}}) {
    if (!text->empty() && !(*parsed = ParseSinceTime(*text))) {
      PrintError(err, std::string(flag) +
                          ": expected a UTC date or time (2024-07-01, 2024-07-01T12:00:00Z) "
                          "or a period back from now (24h, 7d), got '" +
                          *text + "'");
      return 2;
    }
  }
  const std::optional<std::vector<Webhook>> webhooks = LoadWebhooksOrReport(args.webhook, err);
  if (!webhooks) return 2;
  if ((args.deliver || args.redeliver_dead_letters) && webhooks->empty()) {
    PrintError(err, std::string(args.deliver ? "--deliver" : "--redeliver-dead-letters") +
                        " needs --webhook URL and --webhook-secret-file FILE");
    return 2;
  }
  const bool writes = args.deliver || args.redeliver_dead_letters || prune_before;
  auto db = OpenDbOrReport(args.db, err, writes ? DbAccess::kReadWrite : DbAccess::kReadOnly);
  if (!db) return 1;
  bool delivered = true;
  if (args.deliver) delivered = DeliverOrReport(*db, *webhooks, args.webhook.policy, err);
  if (args.redeliver_dead_letters)
    delivered = RedeliverOrReport(*db, *webhooks, args.webhook.policy, err) && delivered;
  AlertEventLog log(*db);
  if (prune_before) {
    auto r = log.Prune(*prune_before);
    if (!r.ok()) {
      PrintError(err, r.status().ToString());
      return 1;
    }
    err << "partyscreen: " << r->pruned << " alert event(s) before " << *prune_before << " pruned";
    if (r->kept_undelivered > 0)
      err << "; " << r->kept_undelivered
          << " kept: not yet acknowledged by every webhook, or a dead letter";
    err << "\n";
  }
  if (since) {
    auto events = log.Since(*since, args.limit);
    if (!events.ok()) {
      PrintError(err, events.status().ToString());
      return 1;
    }
    if (args.json)
      for (const AlertEvent& e : *events) out << EventPayload(e).dump() << "\n";
    else
      PrintTable(out, *events);
  }
  if (args.dead_letters) {
    std::vector<std::string> ids;  // "" = every webhook
    for (const Webhook& h : *webhooks) ids.push_back(WebhookId(h.url));
    if (ids.empty()) ids.push_back("");
    std::vector<DeadLetter> letters;
    for (const std::string& id : ids) {
      auto some = log.DeadLetters(id);
      if (!some.ok()) {
        PrintError(err, some.status().ToString());
        return 1;
      }
      letters.insert(letters.end(), some->begin(), some->end());
    }
    PrintDeadLetters(out, letters, args.json);
  }
  return delivered ? 0 : 3;
}

void RegisterAlertsCommand(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<AlertsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "alerts",
      "New and reopened alerts of the re-screens: list them, or deliver them to a webhook");
  cmd->add_option("--new-since", a->new_since,
                  "List the alerts raised or reopened since TIME (2024-07-01, "
                  "2024-07-01T12:00:00Z, or 24h, 7d back from now)");
  cmd->add_flag("--deliver", a->deliver,
                "Send the events still pending for --webhook (retried with backoff)");
  cmd->add_flag("--dead-letters", a->dead_letters,
                "List the events set aside after a webhook refused them too often (every webhook, "
                "or those given with --webhook)");
  cmd->add_flag("--redeliver-dead-letters", a->redeliver_dead_letters,
                "Send --webhook's dead letters again; those acknowledged leave the dead letters");
  cmd->add_option("--prune-before", a->prune_before,
                  "Delete the events committed before TIME that every webhook has acknowledged "
                  "(dead letters and pending events are kept)");
  cmd->add_option("--limit", a->limit, "Most events listed")->capture_default_str();
  AddJsonFlag(cmd, &a->json, "One JSON object per event and line (the webhook body)");
  AddWebhookOptions(cmd, &a->webhook);
  AddStoreDbOption(cmd, &a->db);
  cmd->callback([a, &ctx] { ctx.exit_code = RunAlerts(*a, std::cout, std::cerr); });
}

}  // namespace partyscreen::cli
