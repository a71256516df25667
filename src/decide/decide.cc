// Applying the rules: list rules to screening hits, embargo rules to places.
#include "partyscreen/decide.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/strings.h"
#include "decide/license_policy.h"
#include "decide/rules.h"
#include "normalize/country.h"

namespace partyscreen {

namespace {

constexpr std::array<std::string_view, 6> kOutcomeNames = {
    "CLEAR", "REVIEW", "RESTRICTED", "LICENSE_REQUIRED", "DENY", "BLOCK"};

void Append(std::string& text, std::string_view more, std::string_view sep = " ") {
  if (more.empty()) return;
  if (!text.empty()) text += sep;
  text += more;
}

// "84 FR 54002; 85 FR 44159 (listed 2019-10-09)" and the program citations, after the rule's own.
std::string CitationFor(const DecisionRules::Data& d, const ListRule& rule, const Entity& e) {
  std::string citation;
  if (rule.cite_record && !e.federal_register.empty()) {
    citation = e.federal_register;
    if (!e.start_date.empty()) citation += " (listed " + e.start_date + ")";
  }
  Append(citation, rule.citation, "; ");
  if (rule.cite_programs) {
    for (const std::string& program : e.programs) {
      auto it = d.program_citations.find(AsciiUpper(program));
      if (it != d.program_citations.end()) Append(citation, program + ": " + it->second, "; ");
    }
  }
  return citation;
}

// The record's licence requirement and its review policy applied to each ECCN of the export.
void AddRecordLicense(const Entity& e, const ExportContext& context, Reason& reason) {
  if (!e.license_requirement.empty()) {
    Append(reason.legal_text,
           "Licence requirement (entry): " + CollapseSpaces(e.license_requirement));
  }
  if (e.license_policy.empty()) return;
  Append(reason.legal_text, "Review policy (entry): " + CollapseSpaces(e.license_policy));
  const std::vector<PolicyClause> clauses = ParseLicensePolicy(e.license_policy);
  std::vector<std::string> eccns = context.eccns;
  if (eccns.empty()) eccns.emplace_back();
  ReviewPolicy strictest = ReviewPolicy::kNone;
  for (const std::string& eccn : eccns) {
    const AppliedPolicy applied = ApplyLicensePolicy(clauses, eccn);
    strictest = std::max(strictest, applied.policy);
    std::string line = eccn.empty() ? std::string("No ECCN given: the strictest clause applies: ")
                                    : "For " + NormalizeEccn(eccn) + ": ";
    if (applied.policy == ReviewPolicy::kNone) {
      line += "no stated review policy.";
    } else {
      line += std::string(ReviewPolicyName(applied.policy)) + " (\"" + applied.clause + "\").";
    }
    if (!applied.conditional_note.empty()) line += " Note: " + applied.conditional_note + ".";
    Append(reason.legal_text, line);
  }
  reason.license_policy = std::string(ReviewPolicyName(strictest));
}

Reason ReasonForHit(const DecisionRules::Data& d, const ListRule* rule, const Party& party,
                    const Hit& hit, const ExportContext& context, bool in_review_band) {
  const Entity& e = *hit.entity;
  Reason r;
  r.party = party.query.name;
  r.role = party.role;
  r.entity_id = e.id;
  r.list = e.list;
  r.matched_name = hit.explanation.matched_name.empty() ? e.name : hit.explanation.matched_name;
  r.score = hit.score;
  r.review_band = in_review_band;
  if (rule == nullptr) {  // a rules file without a fallback rule: still never a silent CLEAR
    r.outcome = Outcome::kReview;
    r.rule_id = "no-rule";
    r.legal_text = "Listed on " + e.list + ", which the rules file does not classify.";
    r.next_step = "Decide manually and add a rule for this list.";
    return r;
  }
  if (in_review_band) {
    r.outcome = Outcome::kReview;
    r.rule_id = d.review_band.rule_id;
    r.legal_text = d.review_band.legal_text +
                   " If it is the same party: " + std::string(OutcomeName(rule->outcome)) +
                   " under rule " + rule->id + ": " + rule->legal_text;
    r.citation = CitationFor(d, *rule, e);
    r.next_step = d.review_band.next_step;
    return r;
  }
  r.outcome = rule->outcome;
  r.rule_id = rule->id;
  r.legal_text = rule->legal_text;
  if (rule->fallback) r.legal_text += " List: " + e.list + ".";
  if (rule->record_license) AddRecordLicense(e, context, r);
  const std::string remarks = AsciiLower(e.remarks);
  for (const RemarksDetail& detail : rule->remarks_details) {
    if (remarks.find(detail.contains) != std::string::npos) Append(r.legal_text, detail.text);
  }
  r.citation = CitationFor(d, *rule, e);
  r.next_step = rule->next_step;
  return r;
}

// `needle` occurs in `text` with no letter or digit on either side.
bool ContainsWord(std::string_view text, std::string_view needle) {
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (size_t pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + 1)) {
    const size_t end = pos + needle.size();
    if ((pos == 0 || !alnum(text[pos - 1])) && (end == text.size() || !alnum(text[end])))
      return true;
  }
  return false;
}

bool HasControlledEccn(const ExportContext& context) {
  return std::any_of(context.eccns.begin(), context.eccns.end(), [](const std::string& eccn) {
    const std::string n = NormalizeEccn(eccn);
    return !n.empty() && n != "EAR99";
  });
}

void SortStrictestFirst(Decision& decision) {
  std::stable_sort(decision.reasons.begin(), decision.reasons.end(),
                   [](const Reason& a, const Reason& b) { return a.outcome > b.outcome; });
  decision.outcome = decision.reasons.empty() ? Outcome::kClear : decision.reasons.front().outcome;
}

Decision EmptyDecision(const DecisionRules& rules) {
  Decision d;
  d.rules_version = rules.version();
  d.rules_effective = rules.effective();
  return d;
}

}  // namespace

std::string_view OutcomeName(Outcome outcome) {
  return kOutcomeNames[static_cast<size_t>(outcome)];
}

std::optional<Outcome> ParseOutcome(std::string_view name) {
  for (size_t i = 0; i < kOutcomeNames.size(); ++i) {
    if (IEquals(Trim(name), kOutcomeNames[i])) return static_cast<Outcome>(i);
  }
  return std::nullopt;
}

const std::vector<std::string>& KnownRoles() {
  static const std::vector<std::string> kRoles = {"end_user",  "ultimate_consignee",
                                                  "consignee", "intermediate_consignee",
                                                  "purchaser", "forwarding_agent",
                                                  "bank",      "payee",
                                                  "payer",     "issuer",
                                                  "other"};
  return kRoles;
}

int ExitCodeFor(Outcome outcome) {
  return outcome == Outcome::kClear ? 0 : 2 + static_cast<int>(outcome);
}

double ReviewBandLower(const DecisionRules& rules, const DecideOptions& options) {
  const double width =
      options.review_band_width >= 0 ? options.review_band_width : rules.review_band_width();
  return std::max(0.0, options.threshold - width);
}

Decision DecideHits(const DecisionRules& rules, const Party& party, const std::vector<Hit>& hits,
                    const ExportContext& context, const DecideOptions& options) {
  Decision decision = EmptyDecision(rules);
  const double lower = ReviewBandLower(rules, options);
  for (const Hit& hit : hits) {
    if (hit.entity == nullptr || hit.score < lower) continue;
    const ListRule* rule = FindListRule(rules.data(), *hit.entity);
    decision.reasons.push_back(ReasonForHit(rules.data(), rule, party, hit, context,
                                            /*in_review_band=*/hit.score < options.threshold));
  }
  SortStrictestFirst(decision);
  // Each legal basis once: a reason with the same outcome, rule, law and citation as a stricter
  // or better-scored one before it is another listing of it.
  std::vector<Reason> cited;
  for (Reason& r : decision.reasons) {
    auto same = std::find_if(cited.begin(), cited.end(), [&](const Reason& c) {
      return c.outcome == r.outcome && c.rule_id == r.rule_id && c.legal_text == r.legal_text &&
             c.citation == r.citation && c.review_band == r.review_band;
    });
    if (same == cited.end()) {
      cited.push_back(std::move(r));
    } else {
      same->also_listed.push_back(r.entity_id + " on " + r.list);
    }
  }
  decision.reasons = std::move(cited);
  return decision;
}

std::vector<Reason> DestinationReasons(const DecisionRules& rules, std::string_view place,
                                       const ExportContext& context, std::string_view party,
                                       std::string_view role) {
  std::vector<Reason> out;
  const std::string_view trimmed = Trim(place);
  if (trimmed.empty()) return out;
  const std::string lower = AsciiLower(trimmed);
  std::vector<std::string> codes;
  codes.push_back(CountryCode(trimmed));
  for (const std::string& part : Split(trimmed, ",")) codes.push_back(CountryCode(part));
  const bool controlled = HasControlledEccn(context);
  for (const DestinationRule& rule : rules.data().destination_rules) {
    const bool by_country =
        std::any_of(rule.countries.begin(), rule.countries.end(), [&](const std::string& c) {
          return std::find(codes.begin(), codes.end(), c) != codes.end();
        });
    const bool by_region =
        std::any_of(rule.regions.begin(), rule.regions.end(),
                    [&](const std::string& r) { return ContainsWord(lower, r); });
    if (!by_country && !by_region) continue;
    Reason r;
    r.party = std::string(party);
    r.role = std::string(role);
    r.outcome = controlled && rule.ccl_outcome ? *rule.ccl_outcome : rule.outcome;
    r.rule_id = rule.id;
    r.list = "destination: " + std::string(trimmed);
    r.legal_text = rule.legal_text;
    r.citation = rule.citation;
    r.next_step = rule.next_step;
    out.push_back(std::move(r));
  }
  return out;
}

Result<Decision> DecideTransaction(const DecisionRules& rules, const Screener& screener,
                                   const Transaction& transaction, const DecideOptions& options) {
  if (transaction.parties.empty())
    return Status::InvalidArgument("transaction: at least one party is required");
  for (size_t i = 0; i < transaction.parties.size(); ++i) {
    if (Trim(transaction.parties[i].query.name).empty()) {
      return Status::InvalidArgument("parties[" + std::to_string(i) + "]: the name is empty");
    }
  }
  ExportContext context;
  for (size_t i = 0; i < transaction.eccns.size(); ++i) {
    const std::string eccn = NormalizeEccn(transaction.eccns[i]);
    if (eccn.empty()) {
      return Status::InvalidArgument("eccns[" + std::to_string(i) + "]: '" + transaction.eccns[i] +
                                     "' is not an ECCN (e.g. 2A983, 5A002.a.1, EAR99)");
    }
    context.eccns.push_back(eccn);
  }
  ScreenOptions screen;
  screen.threshold = ReviewBandLower(rules, options);
  screen.limit = options.limit;
  screen.sources = options.sources;
  Decision decision = EmptyDecision(rules);
  decision.snapshot_hash = screener.snapshot().hash;
  for (const Party& party : transaction.parties) {
    Decision own = DecideHits(rules, party, screener.Screen(party.query, screen), context, options);
    for (Reason& r : own.reasons) decision.reasons.push_back(std::move(r));
    for (Reason& r :
         DestinationReasons(rules, party.query.country, context, party.query.name, party.role)) {
      decision.reasons.push_back(std::move(r));
    }
  }
  for (Reason& r : DestinationReasons(rules, transaction.destination, context))
    decision.reasons.push_back(std::move(r));
  SortStrictestFirst(decision);
  return decision;
}

}  // namespace partyscreen
