// Helpers shared by the CLI commands: loading lists, printing errors, reading query files.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"

namespace partyscreen::cli {

// Loads the given --list arguments (FORMAT:PATH or PATH), or the bundled default snapshot when
// empty. Prints a load error (and returns nullptr) or a one-line summary of skipped records to
// stderr.
std::shared_ptr<const Snapshot> LoadListsOrReport(const std::vector<std::string>& lists);

// Loads lists and builds the engine; nullptr (error printed) on failure.
std::unique_ptr<Screener> BuildScreenerOrReport(const std::vector<std::string>& lists);

// Prints "partyscreen: <message>" to stderr.
void PrintError(const std::string& message);

}  // namespace partyscreen::cli
