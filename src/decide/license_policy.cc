#include "decide/license_policy.h"

#include <algorithm>
#include <cctype>

#include "core/strings.h"

namespace partyscreen {

namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Length of the ECCN starting at s[i] ("1A004.c.1" -> 9), or 0. Core: digit, category letter
// A-E, three digits; then ".paragraph" parts of letters/digits.
size_t EccnLengthAt(std::string_view s, size_t i) {
  if (i + 5 > s.size()) return 0;
  if (i > 0 && IsAlnum(s[i - 1])) return 0;
  const char category = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1])));
  if (!IsDigit(s[i]) || category < 'A' || category > 'E' || !IsDigit(s[i + 2]) ||
      !IsDigit(s[i + 3]) || !IsDigit(s[i + 4])) {
    return 0;
  }
  size_t end = i + 5;
  if (end < s.size() && IsAlnum(s[end])) return 0;
  while (end + 1 < s.size() && s[end] == '.' && IsAlnum(s[end + 1])) {
    size_t part = end + 1;
    while (part < s.size() && IsAlnum(s[part])) ++part;
    end = part;
  }
  return end - i;
}

std::string NormalizeEccnCore(std::string_view eccn) {
  std::string out(eccn);
  for (size_t i = 0; i < out.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(out[i]);
    out[i] = static_cast<char>(i < 5 ? std::toupper(c) : std::tolower(c));
  }
  return out;
}

// The policy named earliest in the (lower-case) clause.
ReviewPolicy DetectPolicy(std::string_view lower) {
  struct Marker {
    std::string_view text;
    ReviewPolicy policy;
  };
  static constexpr Marker kMarkers[] = {
      {"policy of denial", ReviewPolicy::kPolicyOfDenial},
      {"presumption of denial", ReviewPolicy::kPresumptionOfDenial},
      {"presumption of approval", ReviewPolicy::kPresumptionOfApproval},
      {"by-case", ReviewPolicy::kCaseByCase},  // "case-by-case", also BIS's "casa-by-case"
      {"by case", ReviewPolicy::kCaseByCase},
      {"see ", ReviewPolicy::kReference},
  };
  ReviewPolicy best = ReviewPolicy::kNone;
  size_t best_pos = std::string_view::npos;
  for (const Marker& m : kMarkers) {
    const size_t pos = lower.find(m.text);
    if (pos < best_pos) {
      best_pos = pos;
      best = m.policy;
    }
  }
  return best;
}

bool StartsPolicy(std::string_view lower) {
  for (std::string_view w : {"presumption", "case", "casa", "policy", "see "}) {
    if (StartsWith(lower, w)) return true;
  }
  return false;
}

// Splits at ';' and at ". " when the next sentence starts a policy ("... the CCL. Presumption of
// approval for EAR99 items"), but not inside "U.S. Government".
std::vector<std::string> SplitClauses(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string& piece : Split(text, ";")) {
    size_t start = 0;
    for (size_t i = 0; i + 2 < piece.size(); ++i) {
      if (piece[i] != '.' || piece[i + 1] != ' ') continue;
      const std::string rest = AsciiLower(Trim(std::string_view(piece).substr(i + 1)));
      if (!StartsPolicy(rest)) continue;
      out.emplace_back(Trim(std::string_view(piece).substr(start, i + 1 - start)));
      start = i + 1;
    }
    out.emplace_back(Trim(std::string_view(piece).substr(start)));
  }
  for (std::string& clause : out) {
    for (std::string_view lead : {"and ", "or "}) {
      if (StartsWith(AsciiLower(clause), lead))
        clause = std::string(Trim(clause.substr(lead.size())));
    }
  }
  std::erase_if(out, [](const std::string& c) { return c.empty(); });
  return out;
}

const PolicyClause* Strictest(const std::vector<const PolicyClause*>& candidates) {
  const PolicyClause* best = nullptr;
  for (const PolicyClause* c : candidates) {
    if (best == nullptr || c->policy > best->policy) best = c;
  }
  return best;
}

}  // namespace

std::string_view ReviewPolicyName(ReviewPolicy policy) {
  switch (policy) {
    case ReviewPolicy::kNone:
      return "";
    case ReviewPolicy::kPresumptionOfApproval:
      return "presumption of approval";
    case ReviewPolicy::kCaseByCase:
      return "case-by-case review";
    case ReviewPolicy::kReference:
      return "as the cited section of the EAR states";
    case ReviewPolicy::kPresumptionOfDenial:
      return "presumption of denial";
    case ReviewPolicy::kPolicyOfDenial:
      return "policy of denial";
  }
  return "";
}

std::vector<std::string> ExtractEccns(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t len = EccnLengthAt(text, i);
    if (len == 0) continue;
    std::string eccn = NormalizeEccnCore(text.substr(i, len));
    if (std::find(out.begin(), out.end(), eccn) == out.end()) out.push_back(std::move(eccn));
    i += len - 1;
  }
  return out;
}

std::string NormalizeEccn(std::string_view text) {
  const std::string_view t = Trim(text);
  if (IEquals(t, "EAR99")) return "EAR99";
  if (EccnLengthAt(t, 0) != t.size()) return "";
  return NormalizeEccnCore(t);
}

bool EccnCovers(std::string_view listed, std::string_view eccn) {
  if (eccn == listed) return true;
  return eccn.size() > listed.size() && StartsWith(eccn, listed) && eccn[listed.size()] == '.';
}

std::vector<PolicyClause> ParseLicensePolicy(std::string_view policy_text) {
  std::vector<PolicyClause> clauses;
  for (std::string& text : SplitClauses(CollapseSpaces(policy_text))) {
    const std::string lower = AsciiLower(text);
    PolicyClause c;
    c.policy = DetectPolicy(lower);
    c.eccns = ExtractEccns(text);
    c.ear99 = Contains(lower, "ear99") && !Contains(lower, "described in");
    c.ccl = Contains(lower, "on the ccl") || Contains(lower, "on the commerce control list");
    const bool named_scope = !c.eccns.empty() || c.ear99 || c.ccl;
    if (!named_scope) {
      c.catch_all = Contains(lower, "all other items") || Contains(lower, "for all items") ||
                    !Contains(lower, " for ");
      c.conditional = !c.catch_all;
    }
    // "See §§ 746.8(b) and 744.21(e)." after a stated policy explains it: keep it with that clause.
    if (c.policy == ReviewPolicy::kReference && c.catch_all && !clauses.empty()) {
      clauses.back().text += " " + text;
      continue;
    }
    c.text = std::move(text);
    clauses.push_back(std::move(c));
  }
  return clauses;
}

AppliedPolicy ApplyLicensePolicy(const std::vector<PolicyClause>& clauses, std::string_view eccn) {
  AppliedPolicy applied;
  applied.eccn = std::string(eccn);
  if (clauses.empty()) return applied;
  const std::string normalized = NormalizeEccn(eccn);
  auto pick = [&](auto predicate) {
    std::vector<const PolicyClause*> matching;
    for (const PolicyClause& c : clauses) {
      if (predicate(c)) matching.push_back(&c);
    }
    return Strictest(matching);
  };
  const PolicyClause* chosen = nullptr;
  if (!normalized.empty()) {
    chosen = pick([&](const PolicyClause& c) {
      return std::any_of(c.eccns.begin(), c.eccns.end(),
                         [&](const std::string& listed) { return EccnCovers(listed, normalized); });
    });
    if (chosen == nullptr && normalized == "EAR99")
      chosen = pick([](const PolicyClause& c) { return c.ear99; });
    if (chosen == nullptr && normalized != "EAR99")
      chosen = pick([](const PolicyClause& c) { return c.ccl; });
    if (chosen == nullptr) chosen = pick([](const PolicyClause& c) { return c.catch_all; });
    if (chosen == nullptr) chosen = pick([](const PolicyClause& c) { return c.conditional; });
    if (chosen == nullptr) {  // e.g. "Presumption of approval for EAR99 items" asked about 2A983
      applied.conditional_note = "the entry states no review policy for this item";
      return applied;
    }
  }
  // Unknown ECCN, or no clause covers it: the strictest clause (conservative).
  if (chosen == nullptr) chosen = pick([](const PolicyClause&) { return true; });
  applied.policy = chosen->policy;
  applied.clause = chosen->text;
  if (chosen->conditional) {
    applied.conditional_note =
        "the entry states this policy only for the items or purpose it names; for others it "
        "states none: \"" +
        chosen->text + "\"";
    return applied;
  }
  const PolicyClause* stricter_condition =
      pick([&](const PolicyClause& c) { return c.conditional && c.policy > chosen->policy; });
  if (stricter_condition != nullptr) {
    applied.conditional_note = std::string(ReviewPolicyName(stricter_condition->policy)) +
                               " instead if this applies: \"" + stricter_condition->text + "\"";
  }
  return applied;
}

}  // namespace partyscreen
