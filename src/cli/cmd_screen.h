// `partyscreen screen NAME`: screen one name against the loaded lists and print the hits grouped
// by party (every listing of a party that was hit, with its own score), with their legal fields.
// Args + Run, so the command is tested in-process; RegisterScreenCommand only fills the Args.
//
// Exit code: 0 (hits or none), 1 when the lists cannot be loaded or the audit trail (--db) cannot
// be written, 2 on a usage error (a bad field or threshold: reported before any list is loaded).
// `out`: the report (text, or JSON with --json). `err`: errors, and the loader's notes (skipped
// records, stale lists).
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/options.h"

namespace partyscreen::cli {

struct ScreenArgs {
  std::string name;                                   // required
  std::string schema, country, birth_date;            // optional; checked as records/query_record.h
  std::vector<std::string> lists;                     // --list; empty = the bundled snapshot
  double max_list_age_days = kDefaultMaxListAgeDays;  // --max-list-age: older lists warned
  double threshold = kEngineDefaultThreshold;         // 0-1
  size_t limit = 10;                                  // at most this many hits
  bool json = false;
  bool explain = false;  // explain each hit (text: aligned tokens)
  std::string db;        // append the screening to this audit trail
  // Not an option: where the screener goes when done (main's CliContext::left_at_exit, set by
  // the registration); null (tests): freed as usual.
  std::shared_ptr<const void>* left_at_exit = nullptr;
};

int RunScreen(const ScreenArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
