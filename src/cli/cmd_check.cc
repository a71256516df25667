// `partyscreen check`: decide a transaction (parties, destination, ECCNs) under the rules file and
// print the strictest outcome with every reason, its legal text, citation and next step.
// Exit code: 0 CLEAR, 3 REVIEW, 4 RESTRICTED, 5 LICENSE_REQUIRED, 6 DENY, 7 BLOCK; 1 error, 2
// usage.
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

struct CheckArgs {
  std::vector<std::string> parties, roles, countries, eccns, lists;
  std::string destination, purpose, rules_file;
  double threshold = -1;
  double review_band = -1;
  bool json = false;
};

// Pairs --party with --role and --country by position; a missing role is "end_user" for the first
// party and "other" after it. Usage errors come back as InvalidArgument.
Result<Transaction> BuildTransaction(const CheckArgs& a) {
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

void PrintDecisionText(const Transaction& t, const Decision& d) {
  std::cout << "DECISION: " << OutcomeName(d.outcome) << "\n";
  std::cout << "  rules " << d.rules_version << " (effective " << d.rules_effective
            << "), snapshot " << d.snapshot_hash.substr(0, 12) << "\n";
  for (const Party& p : t.parties) {
    std::cout << "  party: \"" << p.query.name << "\" (" << p.role << ")";
    if (!p.query.country.empty()) std::cout << ", country " << p.query.country;
    std::cout << "\n";
  }
  if (!t.destination.empty()) std::cout << "  destination: " << t.destination << "\n";
  if (!t.eccns.empty()) std::cout << "  ECCNs: " << Join(t.eccns, ", ") << "\n";
  if (d.reasons.empty()) {
    std::cout << "\nNo list hit, review-band hit or destination rule applies: CLEAR.\n";
    return;
  }
  for (size_t i = 0; i < d.reasons.size(); ++i) {
    const Reason& r = d.reasons[i];
    std::cout << "\n" << i + 1 << ". " << OutcomeName(r.outcome) << "  [" << r.rule_id << "]";
    if (!r.party.empty()) std::cout << "  " << r.role << " \"" << r.party << "\"";
    std::cout << "\n";
    if (!r.entity_id.empty()) {
      std::cout << "   matched \"" << r.matched_name << "\" score " << std::fixed
                << std::setprecision(3) << r.score
                << (r.review_band ? " (below the threshold: review band)" : "") << "\n";
      std::cout << "   entity " << r.entity_id << " on " << r.list << "\n";
      for (const std::string& other : r.also_listed)
        std::cout << "   also listed: " << other << "\n";
    } else {
      std::cout << "   " << r.list << "\n";
    }
    if (!r.license_policy.empty())
      std::cout << "   licence review policy: " << r.license_policy << "\n";
    std::cout << "   law: " << r.legal_text << "\n";
    if (!r.citation.empty()) std::cout << "   citation: " << r.citation << "\n";
    std::cout << "   next step: " << r.next_step << "\n";
  }
}

}  // namespace

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
  cmd->add_option("--list,-l", args->lists,
                  "List file or directory, optionally FORMAT:PATH (default: bundled snapshot)");
  cmd->add_option("--rules", args->rules_file,
                  "Rules file (default: the embedded data/rules/us_export_rules.json)");
  cmd->add_option("--threshold,-t", args->threshold, "Screening threshold (default: the engine's)")
      ->check(CLI::Range(0.0, 1.0).description("a score from 0 to 1, e.g. 0.8"));
  cmd->add_option("--review-band", args->review_band,
                  "Width of the review band below the threshold (default: the rules file's)");
  cmd->add_flag("--json", args->json, "Print the decision as JSON");
  cmd->footer(
      "Exit code: 0 CLEAR, 3 REVIEW, 4 RESTRICTED, 5 LICENSE_REQUIRED, 6 DENY, 7 BLOCK; 1 error, 2 "
      "usage.");
  cmd->callback([args, &ctx]() {
    Result<Transaction> transaction = BuildTransaction(*args);
    if (!transaction.ok()) {
      PrintError(transaction.status().message());
      ctx.exit_code = 2;
      return;
    }
    Result<DecisionRules> rules = args->rules_file.empty()
                                      ? DecisionRules::Embedded()
                                      : DecisionRules::LoadFile(args->rules_file);
    if (!rules.ok()) {
      PrintError(rules.status().ToString());
      ctx.exit_code = 1;
      return;
    }
    auto screener = BuildScreenerOrReport(args->lists);
    if (!screener) {
      ctx.exit_code = 1;
      return;
    }
    DecideOptions options;
    if (args->threshold >= 0) options.threshold = args->threshold;
    options.review_band_width = args->review_band;
    Result<Decision> decision = DecideTransaction(*rules, *screener, *transaction, options);
    if (!decision.ok()) {
      PrintError(decision.status().message());
      ctx.exit_code = 2;
      return;
    }
    if (args->json) {
      nlohmann::json j = DecisionToJson(*decision);
      j["threshold"] = options.threshold;
      j["review_band_lower"] = ReviewBandLower(*rules, options);
      std::cout << j.dump(2) << "\n";
    } else {
      PrintDecisionText(*transaction, *decision);
    }
    ctx.exit_code = ExitCodeFor(decision->outcome);
  });
}

}  // namespace partyscreen::cli
