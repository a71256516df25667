// Options from a config file (issue 15: `serve --config /etc/partyscreen/serve.ini`): one
// `option = value` per line, the long option's name without dashes, TOML/INI syntax as CLI11
// reads it (strings quoted, lists in brackets, `# comments`, an optional [serve] section).
// Precedence: the command line, then the environment (PARTYSCREEN_<OPTION>), then the file.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "partyscreen/status.h"

namespace partyscreen::cli {

// Gives every long option of `cmd` (but those named in `except`) the environment variable
// PARTYSCREEN_<OPTION> (dashes as underscores: --max-body is PARTYSCREEN_MAX_BODY).
void AddEnvironmentNames(CLI::App& cmd, const std::vector<std::string>& except);

// Sets each option of `cmd` the file names and neither the command line nor the environment set.
// InvalidArgument naming the file and line's key for an unknown option or a bad value; IoError
// if the file cannot be read.
Status ApplyConfigFile(CLI::App& cmd, const std::string& path);

}  // namespace partyscreen::cli
