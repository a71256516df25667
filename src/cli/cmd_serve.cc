// STUB until its issue lands: serve.
#include "cli/commands.h"

namespace partyscreen::cli {
void RegisterServeCommand(CLI::App&, CliContext&) {}
}  // namespace partyscreen::cli
