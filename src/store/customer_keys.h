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

// Replaces the keys of one customer (inside the caller's transaction).
Status WriteCustomerKeys(SqlConnection& conn, const std::string& customer_id,
                         const std::string& name);

// Rebuilds every customer's keys if they were computed by another engine version.
Status EnsureCustomerKeysCurrent(SqlConnection& conn);

}  // namespace partyscreen::store
