// ParseLog: where a parser reports records it skipped or repaired, so nothing is dropped silently
// (the Reporter idea of leveldb's log_reader.h). One ParseLog per input file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "partyscreen/snapshot.h"

namespace partyscreen {

class ParseLog {
 public:
  explicit ParseLog(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  // A record that could not be used: counted in skipped() and listed in issues().
  void Skip(uint64_t line, std::string reason) {
    ++skipped_;
    issues_.push_back({file_, line, std::move(reason)});
  }
  // A record that was kept but repaired or is suspicious (listed, not counted as skipped).
  void Note(uint64_t line, std::string reason) {
    issues_.push_back({file_, line, std::move(reason)});
  }
  // The same for a record of another file read as part of this input (e.g. the add.csv beside an
  // OFAC sdn.csv), so the issue names the file the record is in.
  void SkipIn(std::string file, uint64_t line, std::string reason) {
    ++skipped_;
    issues_.push_back({std::move(file), line, std::move(reason)});
  }
  void NoteIn(std::string file, uint64_t line, std::string reason) {
    issues_.push_back({std::move(file), line, std::move(reason)});
  }
  // Records seen in total (kept + skipped); parsers call this once per record.
  void CountRecord() { ++records_seen_; }

  uint64_t skipped() const { return skipped_; }
  uint64_t records_seen() const { return records_seen_; }
  const std::vector<ParseIssue>& issues() const { return issues_; }
  std::vector<ParseIssue> TakeIssues() { return std::move(issues_); }

 private:
  std::string file_;
  uint64_t skipped_ = 0;
  uint64_t records_seen_ = 0;
  std::vector<ParseIssue> issues_;
};

}  // namespace partyscreen
