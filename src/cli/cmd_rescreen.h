// `partyscreen rescreen --all | --since-snapshot OLD`: re-screen the customer register of the
// database given by --db (default $PARTYSCREEN_DB or ./partyscreen.db) against the current lists:
// every customer, or (delta) only what the list changes since OLD affect. Alerts are created and
// cleared, each screening audited unless --no-audit. Args + Run, so the command is tested
// in-process; the CLI11 registration only fills the Args.
//
// With --webhook URL --webhook-secret-file F (cli/webhooks.h) the webhook is subscribed before the
// run and, after it (also after a failed one: its committed chunks hold alerts), receives every
// pending new and reopened alert event of the database (notify/deliverer.h).
//
// Exit code: 0; 2 on a usage error (neither --all nor --since-snapshot, both, a threshold,
// max-shrink or chunk out of range, a bad webhook or secret file: reported before any list is
// loaded); 1 when the lists, base version, database or re-screen fail (a source that shrank more
// than max_shrink included); 3 when the re-screen succeeded but alert events could not all be
// delivered (they stay in the database's outbox; the reason is printed).
// `out`: the report (text with at most 50 new and 50 cleared alerts, or JSON with --json).
// `err`: errors, the loader's notes and the webhook's outcome.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/options.h"
#include "cli/webhooks.h"
#include "partyscreen/store.h"

namespace partyscreen::cli {

struct RescreenArgs {
  std::string db;
  bool all = false;                // every customer against the current lists
  std::string since;               // delta: a stored snapshot hash, or list specs (comma-separated)
  std::vector<std::string> lists;  // the current lists; empty = the bundled snapshot
  double max_list_age_days = kDefaultMaxListAgeDays;     // --max-list-age: older lists warned
  double threshold = kEngineDefaultThreshold;            // 0-1
  size_t threads = 0;                                    // 0 = all cores
  size_t chunk = RescreenOptions().customers_per_chunk;  // customers committed per transaction
  double max_shrink = RescreenOptions().max_shrink;      // 0-1; 1 = accept any shrinking source
  bool json = false;
  bool no_audit = false;  // write no audit records (not recommended)
  WebhookArgs webhook;    // --webhook, --webhook-secret-file
  bool progress = false;  // customers done, rate and ETA on `err` (CLI: --progress or a tty)
};

int RunRescreen(const RescreenArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
