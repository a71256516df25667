// `partyscreen customers import|update|delete|list|show`: the customer register of the database
// given by --db (default $PARTYSCREEN_DB or ./partyscreen.db; created on first use by the
// commands that write). One Args + Run per subcommand, so each is tested in-process; the CLI11
// registration only fills the Args.
//
// Exit codes: 0 done; 1 the database (or the import file) fails, or the customer named does not
// exist (delete, show); 2 a bad field (update); 3 import skipped some rows (each named on `err`,
// the others are imported). `out`: the result ("imported ...", "updated ID", the listing, the
// customer). `err`: errors and skipped rows.
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace partyscreen::cli {

// Imports (adds or changes) the customers of a file; rows that break the record rules are
// skipped. `db` in every Args below: a SQLite file or a postgresql:// URL.
struct CustomersImportArgs {
  std::string db;
  std::string file;  // CSV with a header (id,name,schema,country,birth_date,identifiers) or JSONL
  bool progress = false;  // lines read, rate and ETA on `err` (CLI: --progress or a tty)
};
int RunCustomersImport(const CustomersImportArgs& args, std::ostream& out, std::ostream& err);

// Changes the given fields of one customer, or adds it. Absent fields are left as they are.
struct CustomersUpdateArgs {
  std::string db;
  std::string id;
  std::optional<std::string> name, schema, country, birth_date;
  std::optional<std::string> identifiers;  // JSON array or Type:Value;Type:Value
};
int RunCustomersUpdate(const CustomersUpdateArgs& args, std::ostream& out, std::ostream& err);

// Deletes one customer and its alerts.
struct CustomersDeleteArgs {
  std::string db;
  std::string id;
};
int RunCustomersDelete(const CustomersDeleteArgs& args, std::ostream& out, std::ostream& err);

// Customers by id, one per line (id, name, schema, country, screening state), or JSON lines.
struct CustomersListArgs {
  std::string db;
  std::string after;   // start after this id
  size_t limit = 100;  // at most this many
  bool json = false;
};
int RunCustomersList(const CustomersListArgs& args, std::ostream& out, std::ostream& err);

// One customer with its latest screening state and alerts.
struct CustomersShowArgs {
  std::string db;
  std::string id;
  bool json = false;
};
int RunCustomersShow(const CustomersShowArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
