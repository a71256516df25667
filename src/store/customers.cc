// The customer register: import (CSV or JSON lines), upsert, delete, read. A write that changes a
// customer clears its screening state (screening_epochs.h).
#include "partyscreen/store/customers.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/input.h"
#include "core/parallel.h"
#include "core/sha256.h"
#include "core/strings.h"
#include "fmt/format.h"
#include "records/query_record.h"
#include "records/record_file.h"
#include "store/audit_chain.h"
#include "store/register_index.h"
#include "store/sql.h"
#include "store/store_rows.h"

namespace partyscreen {

namespace {

using store::AsText;
using store::SqlConnection;
using store::SqlRow;
using store::WriteTransaction;

// The record rules of records/query_record.h, and an id.
Result<Customer> RequireId(Result<Query> record) {
  if (!record.ok()) return record.status();
  if (record->id.empty()) return Status::InvalidArgument("missing id");
  return record;
}

}  // namespace

std::string CustomerToJson(const Customer& c) {
  nlohmann::json j{{"id", c.id},
                   {"name", c.name},
                   {"schema", std::string(SchemaName(c.schema))},
                   {"country", c.country},
                   {"birth_date", c.birth_date},
                   {"identifiers", IdentifiersToJson(c.identifiers)}};
  return j.dump();  // object keys are sorted: canonical
}

std::string CustomerContentHash(const Customer& c) { return Sha256Hex(CustomerToJson(c)); }

Result<Customer> CustomerFromJson(std::string_view json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded()) return Status::InvalidArgument("invalid JSON");
  return RequireId(QueryFromJson(j, ""));
}

namespace store {

Customer CustomerFromRow(const SqlRow& r) {
  Customer c;
  c.id = AsText(r[0]);
  c.name = AsText(r[1]);
  c.schema = ParseSchema(AsText(r[2]));
  c.country = AsText(r[3]);
  c.birth_date = AsText(r[4]);
  if (auto ids = IdentifiersFromText(AsText(r[5]), "identifiers"); ids.ok())
    c.identifiers = std::move(ids).value();
  return c;
}

Result<bool> UpsertCustomerInTransaction(SqlConnection& conn, const Customer& c,
                                         const std::string& now, int64_t revision) {
  const std::string hash = CustomerContentHash(c);
  auto existing = conn.Query("SELECT content_hash FROM customers WHERE id = ?", {c.id});
  if (!existing.ok()) return existing.status();
  if (!existing->empty() && AsText((*existing)[0][0]) == hash) return false;
  Status s = conn.Run(
      "INSERT INTO customers (id, name, schema, country, birth_date, identifiers, content_hash, "
      "updated_at,"
      " screened_epoch, screened_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)"
      " ON CONFLICT (id) DO UPDATE SET name = excluded.name, schema = excluded.schema,"
      " country = excluded.country, birth_date = excluded.birth_date, identifiers = "
      "excluded.identifiers,"
      " content_hash = excluded.content_hash, updated_at = excluded.updated_at,"
      " screened_epoch = NULL, screened_at = NULL, revision = excluded.revision",
      {c.id, c.name, std::string(SchemaName(c.schema)), c.country, c.birth_date,
       IdentifiersToJson(c.identifiers).dump(), hash, now, revision});
  if (!s.ok()) return s;
  return true;
}

}  // namespace store

Result<ImportResult> CustomerRegister::Upsert(const std::vector<Customer>& customers,
                                              const std::string& who, const std::string& source) {
  SqlConnection& conn = store::ConnectionOf(db_);
  ImportResult result;
  WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  const std::string now = UtcNowIso();
  auto revision = store::NextRegisterRevision(conn);
  if (!revision.ok()) return revision.status();
  nlohmann::json changed_ids = nlohmann::json::array();
  for (const Customer& c : customers) {
    auto changed = store::UpsertCustomerInTransaction(conn, c, now, *revision);
    if (!changed.ok()) return changed.status();
    ++(*changed ? result.imported : result.unchanged);
    if (*changed) changed_ids.push_back(c.id);
  }
  if (result.imported > 0) {  // the register changed: recorded in the same transaction
    AuditRecord rec;
    rec.kind = "customers";
    rec.who = who;
    rec.time = now;
    rec.query_json = "{}";
    rec.engine = EngineVersion();
    nlohmann::json detail{{"action", "upsert"},
                          {"changed", result.imported},
                          {"unchanged", result.unchanged},
                          {"ids", std::move(changed_ids)}};
    if (!source.empty()) detail["source"] = source;
    rec.detail_json = detail.dump();
    auto seq = store::AppendAuditInTransaction(conn, {rec});
    if (!seq.ok()) return seq.status();
  }
  Status s = txn.Commit();
  if (!s.ok()) return s;
  return result;
}

Result<ImportResult> CustomerRegister::ImportFile(const std::string& path,
                                                  const ImportOptions& options) {
  auto data = ReadListFile(path);
  if (!data.ok()) return data.status();
  const std::string_view text = *data;

  ImportResult result;
  std::vector<std::pair<uint64_t, Customer>> pending;
  // Policy for an id given twice in one file: the first row counts, every later one is a skipped
  // row naming the line of the first (docs/STORE.md).
  std::unordered_map<std::string, uint64_t> line_of_id;
  const auto total_lines = static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n') +
                                                 (!text.empty() && text.back() != '\n'));
  auto flush = [&]() -> Status {
    if (pending.empty()) return Status::Ok();
    const uint64_t lines_read = pending.back().first;
    std::vector<Customer> batch;
    batch.reserve(pending.size());
    for (auto& [line, c] : pending) batch.push_back(std::move(c));
    pending.clear();
    auto r = Upsert(batch, CurrentUserName(), path);
    if (!r.ok()) return Status::IoError(path + ": " + r.status().message());
    result.imported += r->imported;
    result.unchanged += r->unchanged;
    if (options.progress) options.progress(lines_read, total_lines);
    return Status::Ok();
  };
  auto add = [&](uint64_t line, Result<Customer> c) -> Status {
    if (!c.ok()) {
      result.issues.push_back({line, c.status().message()});
      return Status::Ok();
    }
    const auto [first, inserted] = line_of_id.emplace(c->id, line);
    if (!inserted) {
      result.issues.push_back({line, fmt::format("customer {}: id already on line {} of this file; "
                                                 "the first row is kept",
                                                 c->id, first->second)});
      return Status::Ok();
    }
    pending.emplace_back(line, std::move(c).value());
    return pending.size() >= options.rows_per_transaction ? flush() : Status::Ok();
  };

  Status read = ForEachRecord(
      text, path, /*require_id=*/true,
      [&](uint64_t line, Result<Query> record) { return add(line, RequireId(std::move(record))); });
  if (!read.ok()) return read;
  Status s = flush();
  if (!s.ok()) return s;
  if (options.refresh_register_index) {
    // Derived data: if it cannot be saved, the next delta run builds it (slower, still exact).
    auto refreshed = store::RegisterIndex::Refresh(db_, ThreadsOrAllCores(options.threads));
    result.register_index = refreshed.ok() ? std::move(refreshed).value()
                                           : "register index not saved (the next delta run "
                                             "builds it): " +
                                                 refreshed.status().message();
  }
  return result;
}

Result<bool> CustomerRegister::Delete(const std::string& id, const std::string& who) {
  SqlConnection& conn = store::ConnectionOf(db_);
  WriteTransaction txn(conn);
  if (!txn.status().ok()) return txn.status();
  auto existing = conn.Query(store::SelectCustomerRecords("c.id = ?"), {id});
  if (!existing.ok()) return existing.status();
  if (existing->empty()) return false;
  const CustomerRecord customer = store::CustomerRecordFromRow(existing->front());
  auto alerts = store::LoadAlerts(conn, id);
  if (!alerts.ok()) return alerts.status();
  AuditRecord rec;
  rec.kind = "customers";
  rec.who = who;
  rec.query_json = CustomerToJson(customer.customer);
  rec.engine = EngineVersion();
  for (const Alert& a : *alerts)
    rec.hits.push_back(
        {a.entity_id, a.score, a.matched_name, std::string(AlertStateName(a.state))});
  rec.detail_json = nlohmann::json{
      {"action", "delete"},
      {"customer_id", id},
      {"customer_hash", customer.content_hash},
      {"alerts_removed",
       alerts->size()}}.dump();
  auto seq = store::AppendAuditInTransaction(conn, {rec});
  if (!seq.ok()) return seq.status();
  for (const char* sql :
       {"DELETE FROM alerts WHERE customer_id = ?", "DELETE FROM customers WHERE id = ?"}) {
    Status s = conn.Run(sql, {id});
    if (!s.ok()) return s;
  }
  Status s = txn.Commit();
  if (!s.ok()) return s;
  return true;
}

Result<std::optional<CustomerRecord>> CustomerRegister::Get(const std::string& id) {
  SqlConnection& conn = store::ConnectionOf(db_);
  auto rows = conn.Query(store::SelectCustomerRecords("c.id = ?"), {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<CustomerRecord>();
  CustomerRecord rec = store::CustomerRecordFromRow(rows->front());
  auto alerts = store::LoadAlerts(conn, id);
  if (!alerts.ok()) return alerts.status();
  rec.alerts = std::move(alerts).value();
  return std::optional<CustomerRecord>(std::move(rec));
}

Result<std::vector<CustomerRecord>> CustomerRegister::List(const std::string& after_id,
                                                           size_t limit) {
  auto rows =
      store::ConnectionOf(db_).Query(store::SelectCustomerRecords("c.id > ? ORDER BY c.id LIMIT ?"),
                                     {after_id, static_cast<int64_t>(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<CustomerRecord> out;
  for (const SqlRow& r : *rows) out.push_back(store::CustomerRecordFromRow(r));
  return out;
}

Result<uint64_t> CustomerRegister::Count() {
  auto rows = store::ConnectionOf(db_).Query("SELECT COUNT(*) FROM customers");
  if (!rows.ok()) return rows.status();
  return static_cast<uint64_t>(store::AsInt((*rows)[0][0]));
}

}  // namespace partyscreen
