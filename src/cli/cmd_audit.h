// `partyscreen audit verify|export`: the hash-chained audit trail of the database given by --db
// (default $PARTYSCREEN_DB or ./partyscreen.db). Both only read it. One Args + Run per
// subcommand, so each is tested in-process; the CLI11 registration only fills the Args.
#pragma once

#include <ostream>
#include <string>

namespace partyscreen::cli {

// Checks the hash chain. Exit code: 0 intact, 4 broken (the first bad record named on `out`),
// 1 the database cannot be read. `out`: "audit trail intact: N record(s)" or "... BROKEN at
// record N: why". `err`: errors.
struct AuditVerifyArgs {
  std::string db;
};
int RunAuditVerify(const AuditVerifyArgs& args, std::ostream& out, std::ostream& err);

// Writes the records with from <= time < to as JSON lines to --out (written aside, renamed when
// complete) or to `out`. Exit code: 0, or 1 when the database or the output fails. `err`: errors
// and "exported N record(s)".
struct AuditExportArgs {
  std::string db;
  std::string from, to;  // ISO times ("2026-11-01", "2026-11-01T08:00"); "" = unbounded
  std::string out;       // "" = `out`
};
int RunAuditExport(const AuditExportArgs& args, std::ostream& out, std::ostream& err);

}  // namespace partyscreen::cli
