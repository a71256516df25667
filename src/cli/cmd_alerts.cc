#include "cli/cmd_alerts.h"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <regex>

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

int RunAlerts(const AlertsArgs& args, std::ostream& out, std::ostream& err) {
  if (args.new_since.empty() && !args.deliver) {
    PrintError(err, "alerts: give --new-since TIME or --deliver");
    return 2;
  }
  std::optional<std::string> since;
  if (!args.new_since.empty() && !(since = ParseSinceTime(args.new_since))) {
    PrintError(err,
               "--new-since: expected a UTC date or time (2024-07-01, 2024-07-01T12:00:00Z) "
               "or a period back from now (24h, 7d), got '" +
                   args.new_since + "'");
    return 2;
  }
  bool webhook_ok = true;
  const std::optional<Webhook> webhook = LoadWebhookOrReport(args.webhook, err, webhook_ok);
  if (!webhook_ok) return 2;
  if (args.deliver && !webhook) {
    PrintError(err, "--deliver needs --webhook URL and --webhook-secret-file FILE");
    return 2;
  }
  auto db = OpenDbOrReport(args.db, err, args.deliver ? DbAccess::kReadWrite : DbAccess::kReadOnly);
  if (!db) return 1;
  bool delivered = true;
  if (args.deliver) delivered = DeliverOrReport(*db, *webhook, args.webhook.policy, err);
  if (since) {
    auto events = AlertEventLog(*db).Since(*since, args.limit);
    if (!events.ok()) {
      PrintError(err, events.status().ToString());
      return 1;
    }
    if (args.json)
      for (const AlertEvent& e : *events) out << EventPayload(e).dump() << "\n";
    else
      PrintTable(out, *events);
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
  cmd->add_option("--limit", a->limit, "Most events listed")->capture_default_str();
  AddJsonFlag(cmd, &a->json, "One JSON object per event and line (the webhook body)");
  AddWebhookOptions(cmd, &a->webhook);
  AddStoreDbOption(cmd, &a->db);
  cmd->callback([a, &ctx] { ctx.exit_code = RunAlerts(*a, std::cout, std::cerr); });
}

}  // namespace partyscreen::cli
