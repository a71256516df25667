// What the commands that notify share (rescreen, serve, alerts): the --webhook and
// --webhook-secret-file options, loading them, and one delivery round of the outbox with its
// outcome printed. Errors are printed to `err` ("partyscreen: ...").
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "notify/deliverer.h"
#include "partyscreen/store/database.h"

namespace partyscreen::cli {

struct WebhookArgs {
  std::string url;          // --webhook; "" = none
  std::string secret_file;  // --webhook-secret-file
  RetryPolicy policy;       // retries within one round (not flags: the documented defaults)
};

// --webhook URL and --webhook-secret-file FILE.
void AddWebhookOptions(CLI::App* cmd, WebhookArgs* args);

// nullopt without --webhook; the webhook, or (error printed, `ok` false) a usage error: a URL that
// is not http(s), a missing or unreadable secret file, a secret shorter than 16 bytes.
std::optional<Webhook> LoadWebhookOrReport(const WebhookArgs& args, std::ostream& err, bool& ok);

// One delivery round (notify/deliverer.h) of the events pending for `hook`; prints how many were
// delivered and, when some are left, why and where they wait. True when none is pending.
bool DeliverOrReport(Database& db, const Webhook& hook, const RetryPolicy& policy,
                     std::ostream& err);

}  // namespace partyscreen::cli
