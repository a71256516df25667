// `partyscreen review`: record a reviewer's decision (false_positive or true_match) on the alert
// of one customer for one listed entity, in the database given by --db (default $PARTYSCREEN_DB
// or ./partyscreen.db). The decision is made on the entity's party in the loaded lists and covers
// every listing of it (docs/PARTIES.md); it is audited. Args + Run, so the command is tested
// in-process; the CLI11 registration only fills the Args.
//
// Exit code: 0; 2 on a bad --decision (reported before any list is loaded); 1 when the lists or
// database fail or the entity is not in the loaded lists. `out`: "recorded DECISION for CUSTOMER
// / ENTITY", then "  party PARTY: N listing(s) covered: ID, ID" and "  alerts now STATE: ID, ID"
// (or "none"). `err`: errors and the loader's notes.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "lists/staleness.h"

namespace partyscreen::cli {

struct ReviewArgs {
  std::string db;
  std::string customer;            // customer id
  std::string entity;              // listed entity id, e.g. ofac:12345
  std::string decision;            // false_positive or true_match
  std::string reason;              // why
  std::string reviewer;            // who decided; "" = the current user
  std::vector<std::string> lists;  // lists holding the entity; empty = the bundled snapshot
  double max_list_age_days = kDefaultMaxListAgeDays;  // --max-list-age: older lists warned
};

int RunReview(const ReviewArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
