#include "cli/cmd_lists_update.h"

#include <filesystem>

#include "update/updater.h"

namespace partyscreen::cli {

int RunListsUpdate(const ListsUpdateArgs& args, std::ostream& out, std::ostream& err) {
  auto sources = ReadSources(args.sources);
  if (!sources.ok()) {
    err << "partyscreen: " << sources.status().message() << "\n";
    return 2;
  }
  UpdateOptions options;
  options.dir = args.dir;
  options.max_shrink = args.max_shrink;
  options.fetch.timeout_seconds = args.timeout_seconds;
  options.fetch.user_agent = std::string("partyscreen/") + PARTYSCREEN_VERSION;
  options.progress = [&err](const std::string& line) { err << "partyscreen: " << line << "\n"; };
  auto report = UpdateLists(*sources, options);
  if (!report.ok()) {
    err << "partyscreen: " << report.status().message() << "\n";
    return 1;
  }
  for (const SourceUpdate& s : report->sources) {
    out << s.id << ": ";
    switch (s.outcome) {
      case SourceOutcome::kUpdated:
        out << "updated, " << s.entities << " entities, sha256 " << s.sha256.substr(0, 12);
        break;
      case SourceOutcome::kUnchanged:
        out << "unchanged, " << s.entities << " entities";
        break;
      case SourceOutcome::kFailed:
        out << "FAILED: " << s.detail;
        break;
    }
    out << "\n";
  }
  const std::string current = (std::filesystem::path(args.dir) / kManifestFile).string();
  if (report->manifest_number == 0)
    out << "no list version is active in " << args.dir << "\n";
  else
    out << (report->switched ? "switched to" : "still") << " list version "
        << report->manifest_number << " (" << current << "); screen with --list " << args.dir
        << "\n";
  return report->AnyFailed() ? 1 : 0;
}

}  // namespace partyscreen::cli
