// Helpers shared by the CLI commands: loading lists and reporting errors. Everything a command
// prints goes to the streams it is given (the Run* functions' `out`/`err`), never to std::cout or
// std::cerr directly, so commands run in-process in tests.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "partyscreen/screener.h"
#include "partyscreen/snapshot.h"

namespace partyscreen::cli {

// Loads the given --list arguments (FORMAT:PATH or PATH), or the bundled default snapshot when
// empty. Prints a load error (and returns nullptr), a one-line summary of skipped records and a
// warning for lists older than `max_list_age_days` (--max-list-age) to `err`. With a
// `cache_dir` the parsed lists come from (or go to) that cache (LoadSnapshotWithCache,
// match/index_cache.h).
std::shared_ptr<const Snapshot> LoadListsOrReport(const std::vector<std::string>& lists,
                                                  double max_list_age_days, std::ostream& err,
                                                  const std::string& cache_dir = "");

// Loads lists and builds the engine; nullptr (error printed to `err`) on failure. With
// `use_index_cache` the parsed lists and the index are read from (or saved to)
// DefaultIndexCacheDir() (match/index_cache.h).
std::unique_ptr<Screener> BuildScreenerOrReport(const std::vector<std::string>& lists,
                                                double max_list_age_days, std::ostream& err,
                                                bool use_index_cache = true);

// Hands `owned` to *sink as the scope ends (main's CliContext::left_at_exit: freed by the exit,
// not piece by piece); with no sink (tests running commands in-process) it is destroyed as usual.
template <class T>
class LeftAtExit {
 public:
  LeftAtExit(std::shared_ptr<const void>* sink, std::unique_ptr<T>& owned)
      : sink_(sink), owned_(owned) {}
  ~LeftAtExit() {
    if (sink_ != nullptr && owned_ != nullptr) *sink_ = std::shared_ptr<const T>(std::move(owned_));
  }
  LeftAtExit(const LeftAtExit&) = delete;
  LeftAtExit& operator=(const LeftAtExit&) = delete;

 private:
  std::shared_ptr<const void>* sink_;
  std::unique_ptr<T>& owned_;
};

// Prints "partyscreen: <message>" to `err`.
void PrintError(std::ostream& err, const std::string& message);

// An optional --out file: for a non-empty `path`, *file is an AtomicFile (written aside, renamed
// over `path` when the caller commits it); for "" *file stays null (the caller writes to `out`).
// False, with the error printed to `err`, when the file cannot be created.
bool OpenOutputOrReport(const std::string& path, std::ostream& err,
                        std::unique_ptr<AtomicFile>* file);

}  // namespace partyscreen::cli
