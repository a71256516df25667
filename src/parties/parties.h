// Parties: the listings of one real party, across lists and sources, grouped with the reason.
//
// A party is a set of listings (entities of a Snapshot) that are the same real party:
//   1. the same source record: a Consolidated Screening List row republishing an OFAC entry and
//      that OFAC entry (same OFAC entry number, "csl:30946" = "ofac-cons:30946", "csl:30946#2");
//      a UK listing citing a UN reference number and the UN entry of that number ("uk:AFG0006"
//      = "un:...": same UN reference TAi.002; not within one list);
//   2. a shared strong identifier: IMO number, SWIFT/BIC, LEI, passport, national id,
//      registration or tax number (type class and value, punctuation ignored, 6+ characters);
//   3. persons: the same normalised name with the same full birth date and a shared nationality
//      (never a name alone);
//   4. organisations: the same normalised name (legal form aside) and a shared country.
// Never two listings that one list keeps apart: a merge by rules 2-4 that would put two entries of
// the same list (source + list name) into one party is not made (rule 1 joins one entry published
// twice, which the CSL does). Rules are applied in that order, strongest
// first. Every merge keeps its reason ("same OFAC entry 30946", "same IMO 9187629").
// A party's id is "party:" + the id of its first listing, listings ordered by source (ofac,
// ofac-cons, un, eu, uk, csl, then others) and then id: it does not depend on load order.
// Built once per snapshot; immutable and thread-safe after that.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"

namespace partyscreen {

// A listed party: the listings of one real party (not decide.h's Party, a transaction's party).
struct ListedParty {
  std::string id;                  // "party:<id of the first listing>"
  std::vector<uint32_t> listings;  // entity indexes into the snapshot, first listing first
  std::vector<std::string>
      reasons;  // one per merge, e.g. "csl:30946 = ofac-cons:30946: same OFAC entry 30946"
};

class Parties {
 public:
  static Parties Build(const Snapshot& snapshot);

  const std::vector<ListedParty>& all() const { return parties_; }
  // The party of entity `index` (every entity is in exactly one party, alone or not).
  const ListedParty& Of(uint32_t entity_index) const { return parties_[party_of_[entity_index]]; }
  // Listings in parties of two or more.
  size_t GroupedListings() const;

 private:
  std::vector<ListedParty> parties_;
  std::vector<uint32_t> party_of_;  // entity index -> index into parties_
};

// Hits grouped per party, best party first; within a party its hits best first. A party's score
// is its best listing's.
struct PartyHits {
  const ListedParty* party = nullptr;
  std::vector<Hit> hits;
};
std::vector<PartyHits> GroupHitsByParty(std::vector<Hit> hits, const Parties& parties);

// The rule a merge reason names: "same OFAC entry", "same UN reference", "same identifier",
// "same person", "same organisation" (for counts).
std::string MergeRule(const std::string& reason);

}  // namespace partyscreen
