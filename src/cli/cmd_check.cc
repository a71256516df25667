// STUB until its issue lands: check.
#include "cli/commands.h"

namespace partyscreen::cli {
void RegisterCheckCommand(CLI::App&, CliContext&) {}
}  // namespace partyscreen::cli
