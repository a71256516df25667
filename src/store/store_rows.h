// Row mapping shared by the store's files: which columns are selected for a customer and an alert,
// and how a row becomes a value. Internal to src/store/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/store/customers.h"
#include "store/sql.h"

namespace partyscreen::store {

// The customer columns (table alias c), in the order CustomerFromRow reads them.
inline constexpr const char* kCustomerColumns =
    "c.id, c.name, c.schema, c.country, c.birth_date, c.identifiers";
// "SELECT" of a CustomerRecord: the customer columns, then its content hash, update time and
// screening state through its epoch (screening_epochs.h); a customer carried forward by a delta
// run was last screened when its epoch moved, if that is later than its own screening.
// `where_and_order` is appended as is ("c.id = ?").
std::string SelectCustomerRecords(std::string_view where_and_order);
inline constexpr const char* kAlertColumns =
    "customer_id, entity_id, score, matched_name, state, snapshot";

Customer CustomerFromRow(const SqlRow& r);              // kCustomerColumns
CustomerRecord CustomerRecordFromRow(const SqlRow& r);  // SelectCustomerRecords
Alert AlertFromRow(const SqlRow& r);                    // kAlertColumns
std::optional<AlertState> ParseAlertState(std::string_view name);

Result<std::vector<Alert>> LoadAlerts(SqlConnection& conn, const std::string& customer_id);
// Inserts or replaces one customer; false when nothing changed. A changed customer loses its
// screening epoch (due for screening) and takes `revision` (NextRegisterRevision).
Result<bool> UpsertCustomerInTransaction(SqlConnection& conn, const Customer& c,
                                         const std::string& now, int64_t revision);

}  // namespace partyscreen::store
