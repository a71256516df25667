#include "cli/cmd_audit.h"

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/options.h"
#include "cli/store_access.h"
#include "core/atomic_file.h"
#include "partyscreen/store.h"

namespace partyscreen::cli {

int RunAuditVerify(const AuditVerifyArgs& args, std::ostream& out, std::ostream& err) {
  auto db = OpenDbOrReport(args.db, err, DbAccess::kReadOnly);
  if (!db) return 1;
  auto v = AuditLog(*db).Verify();
  if (!v.ok()) {
    PrintError(err, v.status().ToString());
    return 1;
  }
  if (v->ok) {
    out << "audit trail intact: " << v->records << " record(s)\n";
    return 0;
  }
  out << "audit trail BROKEN at record " << v->first_bad_seq << ": " << v->problem << "\n";
  return 4;
}

int RunAuditExport(const AuditExportArgs& args, std::ostream& out, std::ostream& err) {
  auto db = OpenDbOrReport(args.db, err, DbAccess::kReadOnly);
  if (!db) return 1;
  std::unique_ptr<AtomicFile> file;  // --out: written aside, renamed when complete
  if (!OpenOutputOrReport(args.out, err, &file)) return 1;
  auto n = AuditLog(*db).Export(args.from, args.to, file ? file->stream() : out);
  if (!n.ok()) {
    PrintError(err, n.status().ToString());
    return 1;
  }
  if (file) {
    if (Status s = file->Commit(); !s.ok()) {
      PrintError(err, s.ToString());
      return 1;
    }
  }
  err << "exported " << *n << " record(s)\n";
  return 0;
}

void RegisterAuditCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("audit", "The hash-chained audit trail: verify, export");
  group->require_subcommand(1);
  {
    auto a = std::make_shared<AuditVerifyArgs>();
    CLI::App* cmd =
        group->add_subcommand("verify", "Check the hash chain; names the first bad record");
    AddStoreDbOption(cmd, &a->db);
    cmd->callback([a, &ctx] { ctx.exit_code = RunAuditVerify(*a, std::cout, std::cerr); });
  }
  {
    auto a = std::make_shared<AuditExportArgs>();
    CLI::App* cmd =
        group->add_subcommand("export", "Write audit records as JSON lines (from <= time < to)");
    cmd->add_option("--from", a->from, "ISO time, inclusive (e.g. 2026-11-01 or 2026-11-01T08:00)");
    cmd->add_option("--to", a->to, "ISO time, exclusive");
    cmd->add_option("--out,-o", a->out, "Output file (default: stdout)");
    AddStoreDbOption(cmd, &a->db);
    cmd->callback([a, &ctx] { ctx.exit_code = RunAuditExport(*a, std::cout, std::cerr); });
  }
}

}  // namespace partyscreen::cli
