#include "cli/cmd_check.h"

#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "core/strings.h"
#include "decide/decision_json.h"
#include "partyscreen/decide.h"
#include "records/query_record.h"

namespace partyscreen::cli {

namespace {

// Pairs --party with --role and --country by position; a missing role is "end_user" for the first
// party and "other" after it. Usage errors come back as InvalidArgument.
Result<Transaction> BuildTransaction(const CheckArgs& a) {
  if (a.parties.empty()) return Status::InvalidArgument("--party: give at least one party");
  if (a.roles.size() > a.parties.size() || a.countries.size() > a.parties.size()) {
    return Status::InvalidArgument(
        "more --role or --country values than --party values (they pair by position)");
  }
  Transaction t;
  for (size_t i = 0; i < a.parties.size(); ++i) {
    Party p;
    QueryFields fields;
    fields.name = a.parties[i];
    if (i < a.countries.size()) fields.country = a.countries[i];
    Result<Query> query = QueryFromFields(fields, "--party " + std::to_string(i + 1));
    if (!query.ok()) return query.status();
    p.query = std::move(query).value();
    p.role = i < a.roles.size() ? a.roles[i] : (i == 0 ? "end_user" : "other");
    const auto& known = KnownRoles();
    if (std::find(known.begin(), known.end(), p.role) == known.end()) {
      return Status::InvalidArgument("--role: unknown role '" + p.role +
                                     "' (one of: " + Join(known, ", ") + ")");
    }
    t.parties.push_back(std::move(p));
  }
  t.destination = a.destination;
  t.eccns = a.eccns;
  t.purpose = a.purpose;
  return t;
}

void PrintDecisionText(std::ostream& out, const Transaction& t, const Decision& d) {
  out << "DECISION: " << OutcomeName(d.outcome) << "\n";
  out << "  rules " << d.rules_version << " (effective " << d.rules_effective << "), snapshot "
      << d.snapshot_hash.substr(0, 12) << "\n";
  for (const Party& p : t.parties) {
    out << "  party: \"" << p.query.name << "\" (" << p.role << ")";
    if (!p.query.country.empty()) out << ", country " << p.query.country;
    out << "\n";
  }
  if (!t.destination.empty()) out << "  destination: " << t.destination << "\n";
  if (!t.eccns.empty()) out << "  ECCNs: " << Join(t.eccns, ", ") << "\n";
  if (d.reasons.empty()) {
    out << "\nNo list hit, review-band hit or destination rule applies: CLEAR.\n";
    return;
  }
  for (size_t i = 0; i < d.reasons.size(); ++i) {
    const Reason& r = d.reasons[i];
    out << "\n" << i + 1 << ". " << OutcomeName(r.outcome) << "  [" << r.rule_id << "]";
    if (!r.party.empty()) out << "  " << r.role << " \"" << r.party << "\"";
    out << "\n";
    if (!r.entity_id.empty()) {
      out << "   matched \"" << r.matched_name << "\" score " << std::fixed << std::setprecision(3)
          << r.score << (r.review_band ? " (below the threshold: review band)" : "") << "\n";
      out << "   entity " << r.entity_id << " on " << r.list << "\n";
      for (const std::string& other : r.also_listed) out << "   also listed: " << other << "\n";
    } else {
      out << "   " << r.list << "\n";
    }
    if (!r.license_policy.empty()) out << "   licence review policy: " << r.license_policy << "\n";
    out << "   law: " << r.legal_text << "\n";
    if (!r.citation.empty()) out << "   citation: " << r.citation << "\n";
    out << "   next step: " << r.next_step << "\n";
  }
}

}  // namespace

int RunCheck(const CheckArgs& args, std::ostream& out, std::ostream& err) {
  if (Status s = CheckThreshold(args.threshold); !s.ok()) {
    PrintError(err, s.message());
    return 2;
  }
  Result<Transaction> transaction = BuildTransaction(args);
  if (!transaction.ok()) {
    PrintError(err, transaction.status().message());
    return 2;
  }
  Result<DecisionRules> rules = args.rules_file.empty() ? DecisionRules::Embedded()
                                                        : DecisionRules::LoadFile(args.rules_file);
  if (!rules.ok()) {
    PrintError(err, rules.status().ToString());
    return 1;
  }
  auto screener = BuildScreenerOrReport(args.lists, args.max_list_age_days, err);
  if (!screener) return 1;
  DecideOptions options;
  if (args.threshold >= 0) options.threshold = args.threshold;
  options.review_band_width = args.review_band;
  Result<Decision> decision = DecideTransaction(*rules, *screener, *transaction, options);
  if (!decision.ok()) {
    PrintError(err, decision.status().message());
    return 2;
  }
  if (args.json) {
    nlohmann::json j = DecisionToJson(*decision);
    j["threshold"] = options.threshold;
    j["review_band_lower"] = ReviewBandLower(*rules, options);
    out << j.dump(2) << "\n";
  } else {
    PrintDecisionText(out, *transaction, *decision);
  }
  return ExitCodeFor(decision->outcome);
}

void RegisterCheckCommand(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Decide a transaction: screen its parties and destination and apply the legal rules");
  cmd->add_option("--party,-p", args->parties, "A party's name (repeat for each party)")
      ->required();
  cmd->add_option(
      "--role,-r", args->roles,
      "The role of each --party, in the same order (end_user, consignee, intermediate_consignee, "
      "purchaser, ...)");
  cmd->add_option("--country,-c", args->countries,
                  "The country of each --party, in the same order");
  cmd->add_option("--destination,-d", args->destination,
                  "Destination country or region (ISO2, name, \"Crimea\")");
  cmd->add_option("--eccn,-e", args->eccns, "ECCN of an item exported (repeatable; EAR99 allowed)");
  cmd->add_option("--purpose", args->purpose,
                  "Purpose of the transaction (accepted, not used by the rules yet)");
  AddListOption(cmd, &args->lists, &args->max_list_age_days);
  cmd->add_option("--rules", args->rules_file,
                  "Rules file (default: the embedded data/rules/us_export_rules.json)");
  AddThresholdOption(cmd, &args->threshold);
  cmd->add_option("--review-band", args->review_band,
                  "Width of the review band below the threshold (default: the rules file's)");
  AddJsonFlag(cmd, &args->json, "Print the decision as JSON");
  cmd->footer(
      "Exit code: 0 CLEAR, 3 REVIEW, 4 RESTRICTED, 5 LICENSE_REQUIRED, 6 DENY, 7 BLOCK; 1 error, 2 "
      "usage.");
  cmd->callback([args, &ctx]() { ctx.exit_code = RunCheck(*args, std::cout, std::cerr); });
}

}  // namespace partyscreen::cli
