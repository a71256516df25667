#include "cli/webhooks.h"

#include "cli/common.h"

namespace partyscreen::cli {

void AddWebhookOptions(CLI::App* cmd, WebhookArgs* args) {
  cmd->add_option("--webhook", args->url,
                  "POST new and reopened alerts to this http(s) URL (JSON, signed; see "
                  "docs/UPDATES.md)");
  cmd->add_option("--webhook-secret-file", args->secret_file,
                  "File holding the webhook's HMAC-SHA256 key (at least 16 bytes)");
}

std::optional<Webhook> LoadWebhookOrReport(const WebhookArgs& args, std::ostream& err, bool& ok) {
  ok = true;
  if (args.url.empty()) {
    if (!args.secret_file.empty()) {
      PrintError(err, "--webhook-secret-file needs --webhook URL");
      ok = false;
    }
    return std::nullopt;
  }
  Result<Webhook> hook = LoadWebhook(args.url, args.secret_file);
  if (!hook.ok()) {
    PrintError(err, hook.status().message());
    ok = false;
    return std::nullopt;
  }
  return std::move(hook).value();
}

bool DeliverOrReport(Database& db, const Webhook& hook, const RetryPolicy& policy,
                     std::ostream& err) {
  const std::string label = WebhookLabel(hook.url);
  Result<DeliveryReport> r = DeliverPending(db, hook, policy);
  if (!r.ok()) {
    PrintError(err, "webhook " + label + ": " + r.status().message() +
                        "; the events stay in the outbox of " + db.location());
    return false;
  }
  err << "partyscreen: webhook " << label << ": " << r->delivered << " alert event(s) delivered";
  if (r->pending == 0) {
    err << "\n";
    return true;
  }
  err << "; " << r->pending << " kept in the outbox of " << db.location() << " (" << r->error
      << "); they are sent by the next run with this webhook or by `partyscreen alerts "
         "--deliver`\n";
  return false;
}

}  // namespace partyscreen::cli
