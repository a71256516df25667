// Reading an Entity List licence review policy and applying it to the ECCNs of an export.
//
// BIS writes the review policy of an Entity List entry as prose, e.g. Hikvision's "Case-by-case
// review for ECCNs 1A004.c, 1A004.d, 1A995, 1A999.a, 1D003, 2A983, 2D983, and 2E983, and for EAR99
// items described in the Note to ECCN 1A995; case-by-case review for items necessary to detect,
// identify and treat infectious disease; and presumption of denial for all other items subject to
// the EAR." ParseLicensePolicy splits it into clauses (at ";" and at sentences that start a new
// policy), each with its policy and its scope: named ECCNs, EAR99 items, items on the CCL, all
// (other) items, or a condition on the item or its purpose that software cannot check.
// ApplyLicensePolicy picks the clause for one ECCN: a clause naming it, else the EAR99/CCL clause,
// else the catch-all; with no ECCN, the strictest clause. A stricter conditional clause is reported
// as a note, never dropped. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace partyscreen {

// Review policies, from most to least favourable; kReference ("See §746.5(b) of the EAR") names
// the regulation without stating the policy.
enum class ReviewPolicy : uint8_t {
  kNone,
  kPresumptionOfApproval,
  kCaseByCase,
  kReference,
  kPresumptionOfDenial,
  kPolicyOfDenial,
};
std::string_view ReviewPolicyName(ReviewPolicy policy);  // "case-by-case review", ...

struct PolicyClause {
  ReviewPolicy policy = ReviewPolicy::kNone;
  std::string text;                // the clause as written (trimmed)
  std::vector<std::string> eccns;  // ECCNs the clause names, normalised ("1A004.c")
  bool ear99 = false;              // "... for EAR99 items" (not "EAR99 items described in ...")
  bool ccl = false;                // "... for all items listed on the CCL"
  bool catch_all = false;          // "all other items", "all items", or no scope at all
  bool conditional = false;        // scoped by a description or purpose software cannot check
};

std::vector<PolicyClause> ParseLicensePolicy(std::string_view policy_text);

// Every ECCN written in `text` ("1A004.c", "5D992.c"), normalised, in order, without duplicates.
std::vector<std::string> ExtractEccns(std::string_view text);

// "2a983" -> "2A983", " ear99 " -> "EAR99", "5A002.A.1" -> "5A002.a.1"; "" if not an ECCN or EAR99.
std::string NormalizeEccn(std::string_view text);

// True if the listed ECCN (possibly a paragraph, "1A004.c") covers `eccn` ("1A004.c.1" yes,
// "1A004" no: a broader classification is not known to fall inside the paragraph).
bool EccnCovers(std::string_view listed, std::string_view eccn);

struct AppliedPolicy {
  std::string eccn;  // as asked ("" = not known)
  ReviewPolicy policy = ReviewPolicy::kNone;
  std::string clause;  // the clause that decided it
  // A stricter conditional clause that may apply instead, or the chosen clause's own condition; "".
  std::string conditional_note;
};

// The policy for one ECCN ("" = not known: the strictest clause). kNone if there are no clauses, or
// if no clause covers a known ECCN (conditional_note then says so).
AppliedPolicy ApplyLicensePolicy(const std::vector<PolicyClause>& clauses, std::string_view eccn);

}  // namespace partyscreen
