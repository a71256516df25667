// The customer-side inverted index used by delta re-screening: BlockingKeys(customer name) ->
// customer ids, kept in the customer_keys table and maintained on every customer write, so a
// re-screen pays nothing to build it. The engine version that produced the keys is recorded in
// store_meta; when the engine changes, EnsureCustomerKeysCurrent rebuilds the index once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "partyscreen/status.h"
#include "store/sql.h"

namespace partyscreen::store {

// The keys of one customer name, as stored (uint64 bit-cast to int64), deduplicated.
std::vector<int64_t> CustomerKeys(const std::string& name);

// Replaces the keys of one customer (inside the caller's transaction): removes those of
// `old_name` (empty when the customer is new), adds those of `new_name` (empty when deleted).
Status ReplaceCustomerKeys(SqlConnection& conn, const std::string& customer_id,
                           const std::string& old_name, const std::string& new_name);

// Records which engine version computed the stored keys, if nothing is recorded yet.
Status NoteCustomerKeysEngine(SqlConnection& conn);

// Rebuilds every customer's keys if they were computed by another engine version.
Status EnsureCustomerKeysCurrent(SqlConnection& conn);

}  // namespace partyscreen::store
