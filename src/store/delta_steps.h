// The two heavy steps of a delta re-screen (Rescreener::Delta in rescreen.cc): one streaming read
// of the register that sorts customers by what they need, and the in-memory search of the
// customers on the base snapshot with every added or changed list entry. Internal to src/store/.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/store.h"
#include "store/sql.h"

namespace partyscreen::store {

struct RegisterScan {
  std::vector<Query> on_base;         // in an epoch of `base_epochs`: searched from the list side
  std::vector<CustomerRecord> stale;  // in no epoch given (or none): full screening; by id
  uint64_t current = 0;               // in an epoch of `current_epochs`: nothing to do
};

// One pass over the customers table (streamed, never held twice).
Result<RegisterScan> ScanRegister(SqlConnection& conn, const std::vector<int64_t>& base_epochs,
                                  const std::vector<int64_t>& current_epochs);

struct RegisterMatches {
  std::map<std::string, std::vector<Hit>> by_customer;  // customer id -> its hits, any order
  uint64_t pairs = 0;
  double index_seconds = 0;
  double find_seconds = 0;
};

// One list entry to search the register for: an added one (before == nullptr), or a changed one
// with the entry as it was, so that only what the change can affect is searched.
struct SearchedEntity {
  uint32_t index = 0;  // into the screener's snapshot
  const Entity* before = nullptr;
};

// For every searched entity, the customers that match it now: all of them for an added entry
// (QueryIndex::Find); for a changed entry every customer that matches now and did not match the
// entry as it was, plus possibly some that did (QueryIndex::FindChanged). The caller re-scores
// the customers alerted on a changed entry. QueryIndex::Build over the customers, then the
// searches, both on `threads` threads. `customers` is consumed (only their ids are kept once the
// index is built, to bound peak memory).
RegisterMatches SearchRegister(const Screener& screener, std::vector<Query> customers,
                               const std::vector<SearchedEntity>& entities,
                               const ScreenOptions& options, size_t threads);

}  // namespace partyscreen::store
