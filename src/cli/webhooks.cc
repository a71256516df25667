#include "cli/webhooks.h"

#include <algorithm>

#include "cli/common.h"

namespace partyscreen::cli {

void AddWebhookOptions(CLI::App* cmd, WebhookArgs* args) {
  cmd->add_option("--webhook", args->urls,
                  "POST new and reopened alerts to this http(s) URL (JSON, signed; see "
                  "docs/UPDATES.md); repeat it for several receivers");
  cmd->add_option("--webhook-secret-file", args->secret_files,
                  "File holding the webhooks' HMAC-SHA256 key (at least 16 bytes): one for every "
                  "webhook, or one per --webhook in the same order");
  cmd->add_option("--webhook-dead-letter-after", args->policy.dead_letter_after,
                  "Refusals (HTTP 4xx but 408/425/429) of one event after which it is set aside "
                  "in the webhook's dead letters so later events flow (0 = never)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
}

std::optional<std::vector<Webhook>> LoadWebhooksOrReport(const WebhookArgs& args,
                                                         std::ostream& err) {
  std::vector<Webhook> hooks;
  if (args.urls.empty()) {
    if (!args.secret_files.empty()) {
      PrintError(err, "--webhook-secret-file needs --webhook URL");
      return std::nullopt;
    }
    return hooks;
  }
  if (args.secret_files.size() > 1 && args.secret_files.size() != args.urls.size()) {
    PrintError(err,
               "--webhook-secret-file: give one file for every webhook or one per --webhook (" +
                   std::to_string(args.urls.size()) + " webhook(s), " +
                   std::to_string(args.secret_files.size()) + " file(s))");
    return std::nullopt;
  }
  for (size_t i = 0; i < args.urls.size(); ++i) {
    const std::string& url = args.urls[i];
    if (std::count(args.urls.begin(), args.urls.begin() + static_cast<long>(i), url) > 0) {
      PrintError(err, "--webhook " + WebhookLabel(url) + " is given twice");
      return std::nullopt;
    }
    const std::string file = args.secret_files.empty()       ? std::string()
                             : args.secret_files.size() == 1 ? args.secret_files[0]
                                                             : args.secret_files[i];
    Result<Webhook> hook = LoadWebhook(url, file);
    if (!hook.ok()) {
      PrintError(err, hook.status().message());
      return std::nullopt;
    }
    hooks.push_back(std::move(hook).value());
  }
  return hooks;
}

namespace {

bool DeliverOneOrReport(Database& db, const Webhook& hook, const RetryPolicy& policy,
                        std::ostream& err) {
  const std::string label = WebhookLabel(hook.url);
  Result<DeliveryReport> r = DeliverPending(db, hook, policy);
  if (!r.ok()) {
    PrintError(err, "webhook " + label + ": " + r.status().message() +
                        "; the events stay in the outbox of " + db.location());
    return false;
  }
  err << "partyscreen: webhook " << label << ": " << r->delivered << " alert event(s) delivered";
  if (r->set_aside > 0)
    err << ", " << r->set_aside
        << " refused too often and set aside (`partyscreen alerts --dead-letters`)";
  if (r->pending == 0) {
    err << "\n";
    return true;
  }
  err << "; " << r->pending << " kept in the outbox of " << db.location() << " (" << r->error
      << "); they are sent by the next run with this webhook or by `partyscreen alerts "
         "--deliver`\n";
  return false;
}

}  // namespace

bool DeliverOrReport(Database& db, const std::vector<Webhook>& hooks, const RetryPolicy& policy,
                     std::ostream& err) {
  bool all = true;
  for (const Webhook& hook : hooks) all = DeliverOneOrReport(db, hook, policy, err) && all;
  return all;
}

}  // namespace partyscreen::cli
