#include "store/screening_epochs.h"

#include <algorithm>

#include "store/store_rows.h"

namespace partyscreen::store {

Result<int64_t> CreateEpoch(SqlConnection& conn, const std::string& snapshot,
                            const std::string& engine, double threshold, const std::string& now) {
  auto rows = conn.Query("SELECT COALESCE(MAX(id), 0) + 1 FROM screening_epochs");
  if (!rows.ok()) return rows.status();
  const int64_t id = AsInt((*rows)[0][0]);
  Status s = conn.Run(
      "INSERT INTO screening_epochs (id, snapshot, engine, threshold, updated_at)"
      " VALUES (?, ?, ?, ?, ?)",
      {id, snapshot, engine, threshold, now});
  if (!s.ok()) return s;
  return id;
}

Result<std::vector<int64_t>> EpochsOn(SqlConnection& conn, const std::string& snapshot,
                                      const std::string& engine, double threshold) {
  auto rows = conn.Query(
      "SELECT id FROM screening_epochs WHERE snapshot = ? AND engine = ? AND threshold = ?"
      " ORDER BY id",
      {snapshot, engine, threshold});
  if (!rows.ok()) return rows.status();
  std::vector<int64_t> out;
  for (const SqlRow& r : *rows) out.push_back(AsInt(r[0]));
  return out;
}

Status AdvanceEpochs(SqlConnection& conn, const std::vector<int64_t>& epochs,
                     const std::string& snapshot, const std::string& now) {
  if (epochs.empty()) return Status::Ok();
  std::vector<SqlParam> params{snapshot, now};
  for (const SqlParam& p : AsParams(epochs)) params.push_back(p);
  return conn.Run("UPDATE screening_epochs SET snapshot = ?, updated_at = ? WHERE id IN (" +
                      Placeholders(epochs.size()) + ")",
                  params);
}

Result<std::vector<CustomerRecord>> CustomersOutsideEpochs(SqlConnection& conn,
                                                           const std::vector<int64_t>& epochs) {
  // The other epochs are few (one per run at most): name them, so that every lookup uses the
  // index. Epoch ids are 1..MAX(id), none ever deleted; an id outside that range (a hand-edited
  // database) counts as no epoch too.
  auto all = conn.Query("SELECT id FROM screening_epochs");
  if (!all.ok()) return all.status();
  std::vector<int64_t> others;
  int64_t max_id = 0;
  for (const SqlRow& r : *all) {
    max_id = std::max(max_id, AsInt(r[0]));
    if (std::find(epochs.begin(), epochs.end(), AsInt(r[0])) == epochs.end())
      others.push_back(AsInt(r[0]));
  }
  std::string where = "c.screened_epoch IS NULL OR c.screened_epoch < 1 OR c.screened_epoch > ?";
  std::vector<SqlParam> params{max_id};
  if (!others.empty()) where += " OR c.screened_epoch IN (" + Placeholders(others.size()) + ")";
  for (const SqlParam& p : AsParams(others)) params.push_back(p);
  // Sorted here, not by ORDER BY: that would lead SQLite to walk the whole table in id order
  // instead of looking the epochs up in the index.
  auto rows = conn.Query(SelectCustomerRecords(where), params);
  if (!rows.ok()) return rows.status();
  std::vector<CustomerRecord> out;
  out.reserve(rows->size());
  for (const SqlRow& r : *rows) out.push_back(CustomerRecordFromRow(r));
  std::sort(out.begin(), out.end(), [](const CustomerRecord& a, const CustomerRecord& b) {
    return a.customer.id < b.customer.id;
  });
  return out;
}

Result<uint64_t> CountInEpochs(SqlConnection& conn, const std::vector<int64_t>& epochs) {
  if (epochs.empty()) return uint64_t{0};
  auto rows = conn.Query("SELECT COUNT(*) FROM customers WHERE screened_epoch IN (" +
                             Placeholders(epochs.size()) + ")",
                         AsParams(epochs));
  if (!rows.ok()) return rows.status();
  return static_cast<uint64_t>(AsInt((*rows)[0][0]));
}

Result<std::string> EpochSnapshot(SqlConnection& conn, int64_t epoch) {
  auto rows = conn.Query("SELECT snapshot FROM screening_epochs WHERE id = ?", {epoch});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : AsText((*rows)[0][0]);
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

std::vector<SqlParam> AsParams(const std::vector<int64_t>& ids) {
  return std::vector<SqlParam>(ids.begin(), ids.end());
}

}  // namespace partyscreen::store
