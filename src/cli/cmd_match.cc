// STUB until its issue lands: batch, compare, bench.
#include "cli/commands.h"

namespace partyscreen::cli {
void RegisterMatchCommands(CLI::App&, CliContext&) {}
}  // namespace partyscreen::cli
