// The customer register: customers (screening records with a required id), their alerts and
// their screening state, imported from CSV or JSON lines.
//
// Ownership: CustomerRegister borrows a Database& that must outlive it.
// Thread safety: one thread at a time per Database (database.h).
// Durability: an import commits every ImportOptions::rows_per_transaction rows; Upsert and Delete
// are one transaction each, with their audit record inside it, so no change to the register goes
// unrecorded and a re-run import finishes the work without duplicates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/status.h"
#include "partyscreen/store/database.h"

namespace partyscreen {

// A customer is a screening record (records/query_record.h has its rules) whose id is required.
using Customer = Query;

// SHA-256 of the customer's canonical JSON: changes whenever any screened field changes.
std::string CustomerContentHash(const Customer& c);

enum class AlertState {
  kOpen,        // a hit nobody has reviewed
  kSuppressed,  // reviewed false positive, customer and list entry unchanged since
  kReopened,    // reviewed false positive, but the customer or the list entry changed since
  kConfirmed,   // reviewed true match
};
std::string_view AlertStateName(AlertState s);

struct Alert {
  std::string customer_id;
  std::string entity_id;
  double score = 0;
  std::string matched_name;
  AlertState state = AlertState::kOpen;
  std::string snapshot;  // hash of the list data it was found in
};

struct CustomerRecord {
  Customer customer;
  std::string content_hash;
  std::string updated_at;
  std::string screened_snapshot;  // empty: never screened, or changed since its last screening
  std::string screened_at;        // when its alerts were last confirmed (screened or carried)
  std::string screened_engine;    // EngineVersion() of that screening ("" if unknown)
  std::vector<Alert> alerts;
};

struct ImportIssue {
  uint64_t line = 0;  // 1-based line in the input file
  std::string reason;
};
struct ImportResult {
  uint64_t imported = 0;            // rows inserted or updated
  uint64_t unchanged = 0;           // rows identical to what the register holds
  std::vector<ImportIssue> issues;  // rows skipped
  std::string register_index;       // what the import did to the saved register index, in words
};

struct ImportOptions {
  size_t rows_per_transaction = 5000;  // a crash loses at most the transaction in flight
  // After the rows: bring the register index saved next to the database up to date (rebuilt if
  // missing or far behind; docs/STORE.md), so the next delta re-screen need not normalise the
  // register. Threads for that (0: all cores).
  bool refresh_register_index = true;
  size_t threads = 0;
  // Called after each committed transaction with (lines of the file read, lines in the file).
  std::function<void(uint64_t, uint64_t)> progress = {};
};

class CustomerRegister {
 public:
  explicit CustomerRegister(Database& db) : db_(db) {}

  // CSV with a header row (id,name,schema,country,birth_date,identifiers) or JSON lines with the
  // same keys; format by content. `identifiers` is a JSON array of {type,value,country} or
  // "Type:Value;Type:Value". A bad row is reported with its line and skipped; the rest import.
  Result<ImportResult> ImportFile(const std::string& path, const ImportOptions& options = {});
  // Inserts or replaces (by id). A changed customer loses its screening state (due for
  // screening).
  // Adds or changes customers in one transaction, with one audit record (kind "customers",
  // action "upsert": who, `source` (e.g. the imported file), the ids changed) when any changed.
  Result<ImportResult> Upsert(const std::vector<Customer>& customers,
                              const std::string& who = CurrentUserName(),
                              const std::string& source = "");
  // Deletes the customer and its alerts, and appends an audit record (kind "customers", action
  // "delete": who, the customer as it was, the alerts removed) in the same transaction, so a
  // customer and its alerts never vanish from the register unrecorded. False if absent.
  Result<bool> Delete(const std::string& id, const std::string& who = CurrentUserName());
  Result<std::optional<CustomerRecord>> Get(const std::string& id);
  // Customers with id > after_id, by id, at most `limit`, without alerts.
  Result<std::vector<CustomerRecord>> List(const std::string& after_id, size_t limit);
  Result<uint64_t> Count();

 private:
  Database& db_;
};

// Parses one customer from a JSON object text (the JSON-lines import format).
Result<Customer> CustomerFromJson(std::string_view json_text);
// The canonical JSON of the content hash: every field, empty ones included, keys sorted.
std::string CustomerToJson(const Customer& c);

}  // namespace partyscreen
