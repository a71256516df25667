// `partyscreen lists`: what was loaded, with counts, dates and the snapshot hash.
#include <iomanip>
#include <iostream>

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
  cmd->callback([args, &ctx]() {
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
                << (s.published.empty() ? "-" : s.published) << "  " << s.path << "\n";
    }
    if (args->issues)
      for (const ParseIssue& i : snap->issues)
        std::cout << i.file << ":" << i.line << ": " << i.reason << "\n";
  });
}

}  // namespace partyscreen::cli
