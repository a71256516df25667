// Row mapping shared by the store's files: which columns are selected for a customer and an alert,
// and how a row becomes a value. Internal to src/store/.
#pragma once

#include <string>
#include <vector>

#include "partyscreen/store.h"
#include "store/sql.h"

namespace partyscreen::store {

// SELECT list prefixes; kCustomerStateColumns continues kCustomerColumns.
inline constexpr const char* kCustomerColumns =
    "id, name, schema, country, birth_date, identifiers";
inline constexpr const char* kCustomerStateColumns =
    ", content_hash, updated_at, screened_snapshot, screened_at";
inline constexpr const char* kAlertColumns =
    "customer_id, entity_id, score, matched_name, state, snapshot";

Customer CustomerFromRow(const SqlRow& r);              // kCustomerColumns
CustomerRecord CustomerRecordFromRow(const SqlRow& r);  // kCustomerColumns + kCustomerStateColumns
Alert AlertFromRow(const SqlRow& r);                    // kAlertColumns
std::optional<AlertState> ParseAlertState(std::string_view name);

Result<std::vector<Alert>> LoadAlerts(SqlConnection& conn, const std::string& customer_id);
// Customers by id (missing ids are skipped), in the order given.
Result<std::vector<Customer>> LoadCustomers(SqlConnection& conn,
                                            const std::vector<std::string>& ids);
// Inserts or replaces one customer and its blocking keys; false when nothing changed.
Result<bool> UpsertCustomerInTransaction(SqlConnection& conn, const Customer& c,
                                         const std::string& now);

}  // namespace partyscreen::store
