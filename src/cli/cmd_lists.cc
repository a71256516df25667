#include "cli/cmd_lists.h"

#include <iomanip>
#include <iostream>

#include "cli/cmd_lists_update.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/options.h"
#include "lists/source_json.h"

namespace partyscreen::cli {

int RunLists(const ListsArgs& args, std::ostream& out, std::ostream& err) {
  if (args.formats) {
    for (const std::string& f : KnownFormats()) out << f << "\n";
    return 0;
  }
  auto snap = LoadListsOrReport(args.lists, args.max_list_age_days, err);
  if (!snap) return 1;
  if (args.json) {
    nlohmann::json j{{"snapshot", snap->hash}, {"entities", snap->entities.size()}};
    j["sources"] = nlohmann::json::array();
    for (const SourceInfo& s : snap->sources) j["sources"].push_back(SourceInfoToJson(s));
    if (args.issues) {
      j["issues"] = nlohmann::json::array();
      for (const ParseIssue& i : snap->issues)
        j["issues"].push_back({{"file", i.file}, {"line", i.line}, {"reason", i.reason}});
    }
    out << j.dump(2) << "\n";
    return 0;
  }
  out << "snapshot " << snap->hash << "  (" << snap->entities.size() << " entities)\n";
  for (const SourceInfo& s : snap->sources) {
    out << "  " << std::left << std::setw(18) << s.format << std::right << std::setw(7) << s.records
        << " records " << std::setw(7) << s.aliases << " aliases " << std::setw(5) << s.skipped
        << " skipped  published " << (s.published.empty() ? "-" : s.published)
        << (s.retrieved.empty() ? "" : "  retrieved " + s.retrieved) << "  " << s.path << "\n";
  }
  if (args.issues)
    for (const ParseIssue& i : snap->issues)
      out << i.file << ":" << i.line << ": " << i.reason << "\n";
  return 0;
}

void RegisterListsCommand(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<ListsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "lists", "Load lists and print each source with its counts and the snapshot hash");
  AddListOption(cmd, &args->lists, &args->max_list_age_days);
  AddJsonFlag(cmd, &args->json);
  cmd->add_flag("--issues", args->issues, "Also print every skipped or repaired record");
  cmd->add_flag("--formats", args->formats, "Print the supported formats and exit");
  auto update = std::make_shared<ListsUpdateArgs>();
  CLI::App* up = cmd->add_subcommand(
      "update",
      "Download the official lists into a list directory, verify them and switch the "
      "active version atomically (docs/UPDATES.md)");
  up->add_option("--dir", update->dir, "The list directory (created if missing)")->required();
  up->add_option("--sources", update->sources,
                 "Sources file (default: the shipped data/sources.tsv)");
  up->add_option("--max-shrink", update->max_shrink,
                 "Share of a source's entities that may disappear from one version to the next "
                 "(default 0.05; 1 accepts anything)")
      ->check(CLI::Range(0.0, 1.0));
  up->add_option("--timeout", update->timeout_seconds, "Seconds allowed per file (default 600)")
      ->check(CLI::PositiveNumber);
  up->callback([update, &ctx]() { ctx.exit_code = RunListsUpdate(*update, std::cout, std::cerr); });
  cmd->callback([args, cmd, &ctx]() {
    if (cmd->got_subcommand("update")) return;
    ctx.exit_code = RunLists(*args, std::cout, std::cerr);
  });
}

}  // namespace partyscreen::cli
