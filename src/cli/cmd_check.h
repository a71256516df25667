// `partyscreen check`: decide a transaction (parties, destination, ECCNs) under the rules file and
// print the strictest outcome with every reason, its legal text, citation and next step.
// Args + Run, so the command is tested in-process; RegisterCheckCommand only fills the Args.
//
// Exit code: the outcome's (0 CLEAR, 3 REVIEW, 4 RESTRICTED, 5 LICENSE_REQUIRED, 6 DENY,
// 7 BLOCK); 1 when the rules or lists cannot be loaded; 2 on a usage error (a bad party, role,
// country or threshold: reported before any list is loaded). `out`: the decision (text, or JSON
// with --json). `err`: errors, and the loader's notes (skipped records, stale lists).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/options.h"

namespace partyscreen::cli {

struct CheckArgs {
  std::vector<std::string> parties;    // required: one name per party
  std::vector<std::string> roles;      // by position; missing: end_user for the first, then other
  std::vector<std::string> countries;  // by position; may be shorter than parties
  std::vector<std::string> eccns;      // ECCNs of the items (EAR99 allowed)
  std::vector<std::string> lists;      // --list; empty = the bundled snapshot
  double max_list_age_days = kDefaultMaxListAgeDays;  // --max-list-age: older lists warned
  std::string destination, purpose;
  std::string rules_file;                      // empty = the embedded rules
  double threshold = kEngineDefaultThreshold;  // 0-1
  double review_band = -1;                     // < 0: the rules file's
  bool json = false;
};

int RunCheck(const CheckArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
