// partyscreen: restricted-party screening. `partyscreen --help` lists the commands.
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "partyscreen: screen names against restricted-party lists (BIS, OFAC, CSL, UN, UK...)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("partyscreen ") + PARTYSCREEN_VERSION);
  partyscreen::cli::CliContext ctx;
  partyscreen::cli::RegisterListsCommand(app, ctx);
  partyscreen::cli::RegisterScreenCommand(app, ctx);
  partyscreen::cli::RegisterMatchCommands(app, ctx);
  partyscreen::cli::RegisterServeCommand(app, ctx);
  partyscreen::cli::RegisterStoreCommands(app, ctx);
  partyscreen::cli::RegisterCheckCommand(app, ctx);
  partyscreen::cli::RegisterPartiesCommand(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return ctx.exit_code;
}
