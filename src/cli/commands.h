// The partyscreen command groups. main.cc calls every Register* function; each lives in its own
// cmd_*.cc and adds one or more CLI11 subcommands whose callbacks set ctx.exit_code.
#pragma once

#include <CLI/CLI.hpp>

namespace partyscreen::cli {

struct CliContext {
  int exit_code = 0;
};

void RegisterListsCommand(CLI::App& app, CliContext& ctx);   // lists          (cmd_lists.cc)
void RegisterScreenCommand(CLI::App& app, CliContext& ctx);  // screen         (cmd_screen.cc)
void RegisterMatchCommands(CLI::App& app, CliContext& ctx);  // batch, compare, bench (cmd_match.cc)
void RegisterServeCommand(CLI::App& app, CliContext& ctx);   // serve          (cmd_serve.cc)
void RegisterStoreCommands(
    CLI::App& app, CliContext& ctx);  // customers, audit, diff, rescreen, review (cmd_store.cc)
void RegisterCheckCommand(CLI::App& app, CliContext& ctx);    // check          (cmd_check.cc)
void RegisterPartiesCommand(CLI::App& app, CliContext& ctx);  // parties      (cmd_parties.cc)

}  // namespace partyscreen::cli
