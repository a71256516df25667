// Extending the audit hash chain (include/partyscreen/store/audit.h has its definition) inside a
// write transaction the caller holds, so that a change and its audit record commit together.
// Internal to src/store/: the public AuditLog::Append opens its own transaction.
#pragma once

#include <cstdint>
#include <vector>

#include "partyscreen/status.h"
#include "partyscreen/store/audit.h"
#include "store/sql.h"

namespace partyscreen::store {

// Appends `records` after the chain head read under the transaction's write lock; returns the
// last seq written (the head's seq when `records` is empty).
Result<int64_t> AppendAuditInTransaction(SqlConnection& conn,
                                         const std::vector<AuditRecord>& records);

}  // namespace partyscreen::store
