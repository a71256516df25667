// Decisions: turn screening hits into what the law says to do (ship, pay, issue, or not), with
// the legal basis of every reason.
//
// Contract:
//  - The rules are data (a versioned JSON file, docs/DECISIONS.md); the default US-exporter rules
//    (data/rules/us_export_rules.json) are embedded in the binary at build time, so decisions work
//    from any directory. DecisionRules::LoadFile reads another rules file.
//  - Outcomes are ordered by strictness: CLEAR < REVIEW < RESTRICTED < LICENSE_REQUIRED < DENY <
//    BLOCK. A Decision's outcome is the strictest of its reasons; CLEAR means no reason at all.
//  - A hit at or above the screening threshold applies the rules of its list; a weaker hit in the
//    review band [threshold - review band width, threshold) gives REVIEW, never a silent CLEAR.
//    A hit on a list no rule knows gives REVIEW (the rules file's fallback rule).
//  - The destination and each party's country are checked against the embargo rules.
//  - Nothing here throws; bad rules and bad requests come back as Status.
// Thread safety: DecisionRules is immutable after loading; share it and call the functions from
// any number of threads. Decisions are plain values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/status.h"

namespace partyscreen {

// Strictness order: later is stricter (the enum values compare in that order).
enum class Outcome : uint8_t {
  kClear,            // nothing applies
  kReview,           // a person must look (weak hit, unknown list, red flag); not a prohibition
  kRestricted,       // specific activities prohibited (e.g. CMIC securities, SSI new debt)
  kLicenseRequired,  // an export licence is required (Entity List, MEU...), with a review policy
  kDeny,             // export privileges denied / debarred: do not proceed
  kBlock,            // blocked party or comprehensively embargoed destination: prohibited
};
std::string_view OutcomeName(Outcome outcome);               // "CLEAR", "REVIEW", ..., "BLOCK"
std::optional<Outcome> ParseOutcome(std::string_view name);  // case-insensitive; nullopt if unknown

// One party of a transaction. Roles are free text; the CLI and server accept KnownRoles().
struct Party {
  std::string role;  // "end_user", "consignee", "intermediate_consignee", "purchaser", ...
  Query query;       // name (required), country, schema, birth date...
};
const std::vector<std::string>& KnownRoles();

// What is being done, with whom, where to. Every field but parties is optional.
struct Transaction {
  std::vector<Party> parties;
  std::string destination;         // ISO2, a country name or a covered region ("Crimea")
  std::vector<std::string> eccns;  // export classifications: "2A983", "5A002.a.1", "EAR99"
  std::string purpose;             // free text; accepted, not used by the rules yet
};

// The export-control facts a list rule needs besides the hit (a subset of the Transaction).
struct ExportContext {
  std::vector<std::string> eccns;  // empty = not known: the strictest clause of a policy applies
};

// Why the decision is what it is: one per (party, entity, rule) or (party/destination, embargo).
struct Reason {
  std::string party;  // the name as screened, or "" for the destination itself
  std::string role;   // the party's role, or "destination"
  Outcome outcome = Outcome::kClear;
  std::string rule_id;  // the rules file's id of the rule that applied
  // The listed entity (empty for destination reasons).
  std::string entity_id;
  std::string list;
  std::string matched_name;
  double score = 0;
  bool review_band = false;  // true: the hit scored below the threshold (weak hit -> REVIEW)
  // The law: the programme's prohibition or the record's licence requirement and review policy.
  std::string legal_text;
  std::string license_policy;  // for licence rules: the policy that applies to these ECCNs
                               // ("case-by-case review", "presumption of denial", ...); else ""
  std::string citation;        // FR notices, CFR parts, executive orders
  std::string next_step;       // what a reviewer must do next
  // Other listings of the party under the same law (same rule, text and citation, e.g. a CMIC
  // entry as the CSL and OFAC each publish it): cited once, "ofac-cons:30946 on <list>".
  std::vector<std::string> also_listed;
};

struct Decision {
  Outcome outcome = Outcome::kClear;  // the strictest reason's outcome
  std::vector<Reason> reasons;        // strictest first
  std::string rules_version;          // "version" of the rules file
  std::string rules_effective;        // "effective" date of the rules file
  std::string snapshot_hash;          // the list snapshot screened against ("" if not known)
};

// A loaded, validated rules file. Cheap to copy (shares the immutable data).
class DecisionRules {
 public:
  // The rules compiled into the binary (data/rules/us_export_rules.json at build time).
  static Result<DecisionRules> Embedded();
  // Parses rules JSON; `origin` (a file name) prefixes every error ("rules.json: rules[3]: ...").
  static Result<DecisionRules> Parse(std::string_view json_text, std::string_view origin);
  static Result<DecisionRules> LoadFile(const std::string& path);

  const std::string& version() const;
  const std::string& effective() const;
  // Width of the review band below the screening threshold (rules file "review_band_width").
  double review_band_width() const;

  struct Data;
  explicit DecisionRules(std::shared_ptr<const Data> data);
  const Data& data() const { return *data_; }

 private:
  std::shared_ptr<const Data> data_;
};

struct DecideOptions {
  double threshold = DefaultThreshold();  // hits at or above apply the rules of their list
  double review_band_width = -1;          // < 0: the rules file's value
  size_t limit = 10;                      // hits screened per party
  std::vector<std::string> sources;       // screen only these entity sources; empty = all
};

// The lower bound of the review band: screen with this threshold so weak hits are seen.
double ReviewBandLower(const DecisionRules& rules, const DecideOptions& options);

// Decision for one party's hits (the batch command's --decide): hits at or above
// options.threshold apply their list's rule, hits in the review band give REVIEW, others are
// ignored. No destination check. The hits should come from screening at ReviewBandLower().
Decision DecideHits(const DecisionRules& rules, const Party& party, const std::vector<Hit>& hits,
                    const ExportContext& context, const DecideOptions& options = {});

// Decision for a whole transaction: screens every party (at ReviewBandLower) with `screener`,
// applies the list rules to their hits and the embargo rules to the destination and to each
// party's country. InvalidArgument if there is no party or a party has no name.
Result<Decision> DecideTransaction(const DecisionRules& rules, const Screener& screener,
                                   const Transaction& transaction,
                                   const DecideOptions& options = {});

// The embargo reasons alone for a place (ISO2, country name or region, e.g. "Sevastopol, Crimea"),
// attributed to `party` and `role` ("" and "destination" for the transaction's destination).
std::vector<Reason> DestinationReasons(const DecisionRules& rules, std::string_view place,
                                       const ExportContext& context, std::string_view party = {},
                                       std::string_view role = "destination");

// CLI exit code for an outcome: 0 CLEAR, 3 REVIEW, 4 RESTRICTED, 5 LICENSE_REQUIRED, 6 DENY,
// 7 BLOCK (1 and 2 stay for errors and usage).
int ExitCodeFor(Outcome outcome);

}  // namespace partyscreen
