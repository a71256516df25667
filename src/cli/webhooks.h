// What the commands that notify share (rescreen, serve, alerts): the --webhook,
// --webhook-secret-file and --webhook-dead-letter-after options, loading them, and one delivery
// round of the outbox per webhook with its outcome printed. Errors are printed to `err`
// ("partyscreen: ...").
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "notify/deliverer.h"
#include "partyscreen/store/database.h"

namespace partyscreen::cli {

struct WebhookArgs {
  std::vector<std::string> urls;          // --webhook, repeatable; empty = none
  std::vector<std::string> secret_files;  // --webhook-secret-file: one for all, or one each
  RetryPolicy policy;  // retries within one round (the documented defaults) and dead letters
};

// --webhook URL (repeatable), --webhook-secret-file FILE (one for every webhook, or one per
// webhook in the same order) and --webhook-dead-letter-after N.
void AddWebhookOptions(CLI::App* cmd, WebhookArgs* args);

// The webhooks (none without --webhook); nullopt (error printed) for a usage error: a URL that is
// not http(s), the same URL twice, secret files that do not pair with the URLs, a missing or
// unreadable secret file, a secret shorter than 16 bytes.
std::optional<std::vector<Webhook>> LoadWebhooksOrReport(const WebhookArgs& args,
                                                         std::ostream& err);

// One delivery round (notify/deliverer.h) of the events pending for each webhook in turn; prints
// how many were delivered or set aside and, when some are left, why and where they wait. True
// when none is pending for any of them.
bool DeliverOrReport(Database& db, const std::vector<Webhook>& hooks, const RetryPolicy& policy,
                     std::ostream& err);

}  // namespace partyscreen::cli
