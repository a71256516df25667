#include "cli/cmd_review.h"

#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/options.h"
#include "cli/store_access.h"
#include "core/strings.h"
#include "parties/parties.h"
#include "partyscreen/store.h"

namespace partyscreen::cli {

int RunReview(const ReviewArgs& args, std::ostream& out, std::ostream& err) {
  auto decision = ParseReviewVerdict(args.decision);
  if (!decision) {
    PrintError(err,
               "--decision: expected false_positive or true_match, got '" + args.decision + "'");
    return 2;
  }
  auto snap = LoadListsOrReport(args.lists, args.max_list_age_days, err);
  if (!snap) return 1;
  if (!snap->Find(args.entity)) {
    PrintError(err, "no entity " + args.entity + " in the loaded lists (snapshot " +
                        snap->hash.substr(0, 12) + ")");
    return 1;
  }
  auto db = OpenDbOrReport(args.db, err);
  if (!db) return 1;
  const Parties parties = Parties::Build(*snap);
  auto recorded = ReviewLog(*db).Record(
      {args.customer, args.entity, *decision, args.reason, args.reviewer}, *snap, parties);
  if (!recorded.ok()) {
    PrintError(err, recorded.status().ToString());
    return 1;
  }
  out << "recorded " << args.decision << " for " << args.customer << " / " << args.entity << "\n"
      << "  party " << recorded->party << ": " << recorded->listings.size()
      << " listing(s) covered: " << Join(recorded->listings, ", ") << "\n"
      << "  alerts now " << AlertStateName(recorded->state) << ": "
      << (recorded->alerts.empty() ? "none" : Join(recorded->alerts, ", ")) << "\n";
  return 0;
}

void RegisterReviewCommand(CLI::App& app, CliContext& ctx) {
  auto a = std::make_shared<ReviewArgs>();
  CLI::App* cmd = app.add_subcommand(
      "review", "Record a review decision on an alert, for every listing of its party (audited)");
  cmd->add_option("--customer", a->customer, "Customer id")->required();
  cmd->add_option("--entity", a->entity, "Listed entity id (e.g. ofac:12345)")->required();
  cmd->add_option("--decision", a->decision, "false_positive or true_match")->required();
  cmd->add_option("--reason", a->reason, "Why")->required();
  cmd->add_option("--reviewer", a->reviewer, "Who decided (default: the current user)");
  AddListOption(cmd, &a->lists, &a->max_list_age_days,
                "Lists holding the entity (default: bundled snapshot)");
  AddStoreDbOption(cmd, &a->db);
  cmd->callback([a, &ctx] { ctx.exit_code = RunReview(*a, std::cout, std::cerr); });
}

}  // namespace partyscreen::cli
