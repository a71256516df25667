// partyscreen: restricted-party screening. `partyscreen --help` lists the commands.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/huge_page_heap.h"

namespace {

// Letters to change, add or drop to turn a into b (for "did you mean").
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "unknown command 'scren' (did you mean 'screen'?); commands: lists, screen, ..." when the first
// argument names no command; "" otherwise.
std::string UnknownCommand(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return "";
  const std::string given = argv[1];
  std::string names, best;
  size_t best_distance = 3;  // suggest only a command at most two edits away
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == given) return "";
    names += (names.empty() ? "" : ", ") + sub->get_name();
    if (const size_t d = EditDistance(given, sub->get_name()); d < best_distance) {
      best_distance = d;
      best = sub->get_name();
    }
  }
  return "unknown command '" + given + "'" +
         (best.empty() ? "" : " (did you mean '" + best + "'?)") + "; commands: " + names;
}

}  // namespace

int main(int argc, char** argv) {
  // Short commands start on a huge-page heap (cli/huge_page_heap.h). Not `serve`: it starts once,
  // and its memory between list reloads was measured with glibc's default heap
  // (docs/HARDENING.md).
  if (argc < 2 || std::string_view(argv[1]) != "serve")
    partyscreen::cli::ReexecWithHugePageHeap("/proc/self/exe", argv);
  CLI::App app{
      "partyscreen: screen names against restricted-party lists (BIS, OFAC, CSL, UN, UK...)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("partyscreen ") + PARTYSCREEN_VERSION);
  partyscreen::cli::CliContext ctx;
  namespace cli = partyscreen::cli;
  cli::RegisterListsCommand(app, ctx);
  cli::RegisterScreenCommand(app, ctx);
  cli::RegisterBatchCommand(app, ctx);
  cli::RegisterCompareCommand(app, ctx);
  cli::RegisterBenchCommand(app, ctx);
  cli::RegisterServeCommand(app, ctx);
  cli::RegisterCustomersCommands(app, ctx);
  cli::RegisterAuditCommands(app, ctx);
  cli::RegisterReviewCommand(app, ctx);
  cli::RegisterDiffCommand(app, ctx);
  cli::RegisterRescreenCommand(app, ctx);
  cli::RegisterAlertsCommand(app, ctx);
  cli::RegisterCheckCommand(app, ctx);
  cli::RegisterPartiesCommand(app, ctx);
  cli::RegisterUsersCommands(app, ctx);
  if (const std::string unknown = UnknownCommand(app, argc, argv); !unknown.empty()) {
    std::cerr << "partyscreen: " << unknown << "\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every usage error (a missing or bad option) exits 2.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  // std::exit, not return: main's locals are not destroyed, so what a command left in
  // ctx.left_at_exit goes with the process (static destructors still run, std::cout is flushed).
  std::exit(ctx.exit_code);
}
