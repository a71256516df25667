// Screening epochs: the indirection that lets a delta re-screen move a million unaffected
// customers to the new list version by updating one row instead of a million.
//
// A customer's screening state is `customers.screened_epoch` (NULL: never screened, or changed
// since its last screening). An epoch row says which snapshot, engine version and threshold its
// customers' alerts are exact for. Invariant kept by every writer: for each customer with an
// epoch, its alerts equal a full screening of its current record against the epoch's snapshot,
// engine and threshold. A full run puts each customer it screens in the run's own new epoch; a
// delta run from B to S writes the customers it re-scores into its own epoch (on S) and, when it
// finishes, re-points the epochs that were on B (same engine, same threshold) to S in the same
// transaction that marks the run done, because every customer still in them is unaffected by the
// change. Changing a customer's record clears its epoch (see customers.cc).
//
// Functions run on the caller's connection; those that write expect the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store/customers.h"
#include "store/sql.h"

namespace partyscreen::store {

// A new epoch on `snapshot` screened by `engine` at `threshold`; returns its id.
Result<int64_t> CreateEpoch(SqlConnection& conn, const std::string& snapshot,
                            const std::string& engine, double threshold, const std::string& now);

// The epochs whose customers are exact for `snapshot` with `engine` at `threshold`, by id.
Result<std::vector<int64_t>> EpochsOn(SqlConnection& conn, const std::string& snapshot,
                                      const std::string& engine, double threshold);

// Re-points the given epochs (all their customers at once) to `snapshot`.
Status AdvanceEpochs(SqlConnection& conn, const std::vector<int64_t>& epochs,
                     const std::string& snapshot, const std::string& now);

// Customers in none of `epochs` (never screened, changed since, or in another epoch), by id.
// Uses the index on customers.screened_epoch: no scan of the register.
Result<std::vector<CustomerRecord>> CustomersOutsideEpochs(SqlConnection& conn,
                                                           const std::vector<int64_t>& epochs);
// How many customers are in `epochs`.
Result<uint64_t> CountInEpochs(SqlConnection& conn, const std::vector<int64_t>& epochs);

// The snapshot an epoch is on (empty if there is no such epoch).
Result<std::string> EpochSnapshot(SqlConnection& conn, int64_t epoch);

// "?, ?, ?" for `n` placeholders, and the ids as parameters (for "IN (...)").
std::string Placeholders(size_t n);
std::vector<SqlParam> AsParams(const std::vector<int64_t>& ids);

}  // namespace partyscreen::store
