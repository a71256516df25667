// `partyscreen lists`: what was loaded, with counts, dates and the snapshot hash.
#include <iomanip>
#include <iostream>

#include "cli/cmd_lists_update.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "lists/source_json.h"

namespace partyscreen::cli {

void RegisterListsCommand(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::vector<std::string> lists;
    bool json = false;
    bool issues = false;
    bool formats = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "lists", "Load lists and print each source with its counts and the snapshot hash");
  cmd->add_option("--list,-l", args->lists,
                  "List file or directory, optionally FORMAT:PATH (default: bundled snapshot)");
  cmd->add_flag("--json", args->json, "Print JSON");
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
    if (args->formats) {
      for (const std::string& f : KnownFormats()) std::cout << f << "\n";
      return;
    }
    auto snap = LoadListsOrReport(args->lists);
    if (!snap) {
      ctx.exit_code = 1;
      return;
    }
    if (args->json) {
      nlohmann::json j{{"snapshot", snap->hash}, {"entities", snap->entities.size()}};
      j["sources"] = nlohmann::json::array();
      for (const SourceInfo& s : snap->sources) j["sources"].push_back(SourceInfoToJson(s));
      if (args->issues) {
        j["issues"] = nlohmann::json::array();
        for (const ParseIssue& i : snap->issues)
          j["issues"].push_back({{"file", i.file}, {"line", i.line}, {"reason", i.reason}});
      }
      std::cout << j.dump(2) << "\n";
      return;
    }
    std::cout << "snapshot " << snap->hash << "  (" << snap->entities.size() << " entities)\n";
    for (const SourceInfo& s : snap->sources) {
      std::cout << "  " << std::left << std::setw(18) << s.format << std::right << std::setw(7)
                << s.records << " records " << std::setw(7) << s.aliases << " aliases "
                << std::setw(5) << s.skipped << " skipped  published "
                << (s.published.empty() ? "-" : s.published)
                << (s.retrieved.empty() ? "" : "  retrieved " + s.retrieved) << "  " << s.path
                << "\n";
    }
    if (args->issues)
      for (const ParseIssue& i : snap->issues)
        std::cout << i.file << ":" << i.line << ": " << i.reason << "\n";
  });
}

}  // namespace partyscreen::cli
