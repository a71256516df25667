// `partyscreen alerts`: the database's alert outbox (include/partyscreen/store/alert_events.h).
//   alerts --new-since TIME [--json] [--limit N]   new and reopened alerts committed since TIME
//   alerts --deliver --webhook URL --webhook-secret-file F   send the events still pending for it
//     (--webhook repeatable: each webhook in turn)
//   alerts --dead-letters [--json]   events a webhook refused too often and set aside (all
//     webhooks, or those given with --webhook)
//   alerts --redeliver-dead-letters --webhook URL ...   send the webhook's dead letters again
//   alerts --prune-before TIME   delete events committed before TIME that every webhook has
//     acknowledged (dead letters and events still pending for a webhook are kept)
// TIME: a date or time in UTC ("2024-07-01", "2024-07-01T12:00:00Z") or a period back from now
// ("24h", "7d"). Args + Run, so the command is tested in-process; the CLI11 registration only
// fills the Args.
//
// Exit code: 0; 2 on a usage error (no action, a bad TIME, --deliver or --redeliver-dead-letters
// without --webhook, a bad webhook or secret file); 1 when the database fails; 3 when --deliver
// or --redeliver-dead-letters left events undelivered (the reason is printed; they stay).
// `out`: the events, a table (time, type, customer, entity, list, score, state) or with --json one
// JSON object per line (notify/event_payload.h, the webhook body). `err`: errors, the delivery
// outcome.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

#include "cli/webhooks.h"

namespace partyscreen::cli {

struct AlertsArgs {
  std::string db;
  std::string new_since;                // TIME; "" = not listing
  bool deliver = false;                 // send what is pending for --webhook
  bool dead_letters = false;            // list the dead letters
  bool redeliver_dead_letters = false;  // send --webhook's dead letters again
  std::string prune_before;             // TIME; "" = no pruning
  bool json = false;
  size_t limit = 10000;  // most events listed
  WebhookArgs webhook;
};

int RunAlerts(const AlertsArgs& args, std::ostream& out, std::ostream& err);

// TIME of --new-since as the store's time text (a prefix of UtcNowIso()); nullopt when invalid.
std::optional<std::string> ParseSinceTime(const std::string& text);

}  // namespace partyscreen::cli
