// STUB until its issue lands: customers, audit, diff, rescreen.
#include "cli/commands.h"

namespace partyscreen::cli {
void RegisterStoreCommands(CLI::App&, CliContext&) {}
}  // namespace partyscreen::cli
