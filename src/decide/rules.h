// The parsed form of a rules file (docs/DECISIONS.md describes the JSON). Built once by
// DecisionRules::Parse, immutable afterwards, shared by every decision.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "partyscreen/decide.h"

namespace partyscreen {

// One alternative of a list rule's "match": every non-empty field must hold.
struct ListMatch {
  std::vector<std::string> sources;  // Entity::source equals one of these (ASCII case-insensitive)
  std::vector<std::string> list_contains;  // Entity::list contains one of these (case-insensitive)
  std::vector<std::string> programs;       // one of Entity::programs equals one of these
};

struct RemarksDetail {
  std::string contains;  // case-insensitive substring of Entity::remarks
  std::string text;      // added to the legal text when it does
};

struct ListRule {
  std::string id;
  std::string description;
  std::vector<ListMatch> match;  // any alternative
  bool fallback = false;         // applies only when no other rule matched the entity
  Outcome outcome = Outcome::kReview;
  std::string legal_text;
  std::string citation;
  std::string next_step;
  bool record_license = false;  // add the record's licence requirement and ECCN review policy
  bool cite_record = false;     // add the record's Federal Register notice and listing date
  bool cite_programs = false;   // add program_citations for the record's programs
  std::vector<RemarksDetail> remarks_details;
};

struct DestinationRule {
  std::string id;
  std::vector<std::string> countries;  // ISO2
  std::vector<std::string> regions;    // lower-case words/phrases matched on word boundaries
  Outcome outcome = Outcome::kReview;
  std::optional<Outcome> ccl_outcome;  // instead of outcome when an ECCN other than EAR99 is given
  std::string legal_text;
  std::string citation;
  std::string next_step;
};

struct ReviewBandRule {
  double width = 0.1;
  std::string rule_id;
  std::string legal_text;
  std::string next_step;
};

struct DecisionRules::Data {
  std::string origin;  // file name or "embedded ..."
  std::string version;
  std::string effective;
  std::string title;
  std::string scope;
  ReviewBandRule review_band;
  std::vector<ListRule> list_rules;  // in file order: the first matching non-fallback rule applies
  std::vector<DestinationRule> destination_rules;
  std::map<std::string, std::string> program_citations;  // key: program in upper case
};

// The rule for an entity: the first non-fallback rule that matches, else the fallback, else null.
const ListRule* FindListRule(const DecisionRules::Data& rules, const Entity& entity);

}  // namespace partyscreen
