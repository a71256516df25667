// AtomicFile: writes an output file so that a reader, a crash or a kill -9 sees either the previous
// file or the complete new one, never an empty or half-written one.
//
// The bytes go to a temporary file beside the target ("<path>.tmp.<pid>", same directory, so the
// rename cannot cross file systems). Commit() flushes, fsyncs the data, renames the temporary over
// the target and fsyncs the directory. Destroying an AtomicFile that was not committed removes the
// temporary and leaves the target as it was; a temporary left by a killed process keeps its pid in
// its name and is removed by the next Create() for the same path. Every command that writes a
// result file goes through this. Thread safety: one owner.
#pragma once

#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include "partyscreen/status.h"

namespace partyscreen {

class AtomicFile {
 public:
  // Opens the temporary for writing; IoError naming `path` if it cannot be created.
  static Result<std::unique_ptr<AtomicFile>> Create(const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  const std::string& path() const { return path_; }
  // Makes the written bytes the file at path(). IoError (target untouched) if any write failed.
  Status Commit();

 private:
  AtomicFile(std::string path, std::string tmp);

  std::string path_;
  std::string tmp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace partyscreen
