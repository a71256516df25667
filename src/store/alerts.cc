// Alert rows and states.
#include "partyscreen/store/customers.h"
#include "store/store_rows.h"

namespace partyscreen {

std::string_view AlertStateName(AlertState s) {
  switch (s) {
    case AlertState::kOpen:
      return "open";
    case AlertState::kSuppressed:
      return "suppressed";
    case AlertState::kReopened:
      return "reopened";
    case AlertState::kConfirmed:
      return "confirmed";
  }
  return "open";
}

namespace store {

std::optional<AlertState> ParseAlertState(std::string_view name) {
  for (AlertState s :
       {AlertState::kOpen, AlertState::kSuppressed, AlertState::kReopened, AlertState::kConfirmed})
    if (AlertStateName(s) == name) return s;
  return std::nullopt;
}

std::string SelectCustomerRecords(std::string_view where_and_order) {
  return std::string("SELECT ") + kCustomerColumns +
         ", c.content_hash, c.updated_at, e.snapshot,"
         " CASE WHEN e.updated_at > c.screened_at THEN e.updated_at ELSE c.screened_at END,"
         " e.engine FROM customers c LEFT JOIN screening_epochs e ON e.id = c.screened_epoch"
         " WHERE " +
         std::string(where_and_order);
}

CustomerRecord CustomerRecordFromRow(const SqlRow& r) {
  CustomerRecord rec;
  rec.customer = CustomerFromRow(r);
  rec.content_hash = AsText(r[6]);
  rec.updated_at = AsText(r[7]);
  rec.screened_snapshot = AsText(r[8]);
  rec.screened_at = AsText(r[9]);
  rec.screened_engine = AsText(r[10]);
  return rec;
}

Alert AlertFromRow(const SqlRow& r) {
  Alert a;
  a.customer_id = AsText(r[0]);
  a.entity_id = AsText(r[1]);
  a.score = AsDouble(r[2]);
  a.matched_name = AsText(r[3]);
  a.state = ParseAlertState(AsText(r[4])).value_or(AlertState::kOpen);
  a.snapshot = AsText(r[5]);
  return a;
}

Result<std::vector<Alert>> LoadAlerts(SqlConnection& conn, const std::string& customer_id) {
  auto rows = conn.Query(std::string("SELECT ") + kAlertColumns +
                             " FROM alerts WHERE customer_id = ? ORDER BY score DESC, entity_id",
                         {customer_id});
  if (!rows.ok()) return rows.status();
  std::vector<Alert> out;
  for (const SqlRow& r : *rows) out.push_back(AlertFromRow(r));
  return out;
}

}  // namespace store
}  // namespace partyscreen
