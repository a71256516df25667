// `partyscreen alerts`: the database's alert outbox (include/partyscreen/store/alert_events.h).
//   alerts --new-since TIME [--json] [--limit N]   new and reopened alerts committed since TIME
//   alerts --deliver --webhook URL --webhook-secret-file F   send the events still pending for it
// TIME: a date or time in UTC ("2024-07-01", "2024-07-01T12:00:00Z") or a period back from now
// ("24h", "7d"). Args + Run, so the command is tested in-process; the CLI11 registration only
// fills the Args.
//
// Exit code: 0; 2 on a usage error (neither --new-since nor --deliver, a bad TIME, --deliver
// without --webhook, a bad webhook or secret file); 1 when the database fails; 3 when --deliver
// left events undelivered (the reason is printed; they stay pending).
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
  std::string new_since;  // TIME; "" = not listing
  bool deliver = false;   // send what is pending for --webhook
  bool json = false;
  size_t limit = 10000;  // most events listed
  WebhookArgs webhook;
};

int RunAlerts(const AlertsArgs& args, std::ostream& out, std::ostream& err);

// TIME of --new-since as the store's time text (a prefix of UtcNowIso()); nullopt when invalid.
std::optional<std::string> ParseSinceTime(const std::string& text);

}  // namespace partyscreen::cli
