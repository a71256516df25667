#include "store/customer_keys.h"

#include <algorithm>
#include <bit>

#include "partyscreen/screener.h"

namespace partyscreen::store {

namespace {
constexpr const char* kKeysEngine = "customer_keys_engine";
}

std::vector<int64_t> CustomerKeys(const std::string& name) {
  std::vector<int64_t> keys;
  for (uint64_t k : BlockingKeys(name)) keys.push_back(std::bit_cast<int64_t>(k));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

Status ReplaceCustomerKeys(SqlConnection& conn, const std::string& customer_id,
                           const std::string& old_name, const std::string& new_name) {
  const std::vector<int64_t> old_keys =
      old_name.empty() ? std::vector<int64_t>() : CustomerKeys(old_name);
  const std::vector<int64_t> new_keys =
      new_name.empty() ? std::vector<int64_t>() : CustomerKeys(new_name);
  for (int64_t k : old_keys) {
    if (std::binary_search(new_keys.begin(), new_keys.end(), k)) continue;
    Status s = conn.Run("DELETE FROM customer_keys WHERE blocking_key = ? AND customer_id = ?",
                        {k, customer_id});
    if (!s.ok()) return s;
  }
  for (int64_t k : new_keys) {
    if (std::binary_search(old_keys.begin(), old_keys.end(), k)) continue;
    Status s = conn.Run(
        "INSERT INTO customer_keys (blocking_key, customer_id) VALUES (?, ?) ON CONFLICT DO "
        "NOTHING",
        {k, customer_id});
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status NoteCustomerKeysEngine(SqlConnection& conn) {
  return conn.Run(
      "INSERT INTO store_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
      {std::string(kKeysEngine), EngineVersion()});
}

Status EnsureCustomerKeysCurrent(SqlConnection& conn) {
  auto meta = conn.Query("SELECT value FROM store_meta WHERE name = ?", {std::string(kKeysEngine)});
  if (!meta.ok()) return meta.status();
  if (!meta->empty() && AsText((*meta)[0][0]) == EngineVersion()) return Status::Ok();
  // Rebuild page by page, each page in its own transaction; the version is recorded last, so an
  // interrupted rebuild is simply redone.
  Status cleared = conn.Run("DELETE FROM customer_keys");
  if (!cleared.ok()) return cleared;
  std::string after;
  for (;;) {
    auto rows =
        conn.Query("SELECT id, name FROM customers WHERE id > ? ORDER BY id LIMIT 5000", {after});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) break;
    WriteTransaction txn(conn);
    if (!txn.status().ok()) return txn.status();
    for (const SqlRow& r : *rows) {
      Status s = ReplaceCustomerKeys(conn, AsText(r[0]), "", AsText(r[1]));
      if (!s.ok()) return s;
    }
    Status s = txn.Commit();
    if (!s.ok()) return s;
    after = AsText(rows->back()[0]);
  }
  return conn.Run(
      "INSERT INTO store_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = "
      "excluded.value",
      {std::string(kKeysEngine), EngineVersion()});
}

}  // namespace partyscreen::store
