// Loading lists into a Snapshot: the set of entities that screening runs against.
//
// A snapshot is identified by `hash`, a SHA-256 over the bytes of every input file (order of the
// --list arguments does not matter), so any later result can name exactly which list data it was
// screened against. Loading never drops a problem silently: a malformed record is skipped and
// recorded in `issues` (file, line or record number, reason); a file that cannot be read or whose
// format is unknown makes the whole load fail with a Status naming the file.
// Thread safety: a loaded Snapshot is immutable; share it as std::shared_ptr<const Snapshot>.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "partyscreen/entity.h"
#include "partyscreen/status.h"

namespace partyscreen {

// One --list argument. `format` empty means: detect from the file name and content.
// Text form accepted by ParseListSpec: "PATH" or "FORMAT:PATH" (FORMAT from KnownFormats()). A
// directory stands for the list files in it, or, when it holds the manifest `lists update` keeps
// (lists/manifest.h), for the active version of each source.
struct ListSpec {
  ListSpec() = default;
  ListSpec(std::string path_, std::string format_, std::string published_ = "")
      : path(std::move(path_)), format(std::move(format_)), published(std::move(published_)) {}
  std::string path;
  std::string format;
  std::string published;  // the list's date (ISO) when the file itself carries none; may be empty
  std::string retrieved;  // when this copy was downloaded (ISO 8601 UTC; `lists update`), or ""
};
ListSpec ParseListSpec(std::string_view text);

// The format names that --list FORMAT:PATH accepts, e.g. "ofac-csv", "csl-csv", "un-xml".
std::vector<std::string> KnownFormats();

// A record that was skipped or repaired while loading.
struct ParseIssue {
  std::string file;
  uint64_t line =
      0;  // physical line (text formats) or record number (XML/JSON/xlsx row); 0 if none
  std::string reason;
};

// What one --list argument contributed.
struct SourceInfo {
  std::string path;                // as given
  std::vector<std::string> files;  // every file read (an OFAC CSV set reads up to four)
  std::string format;              // detected or given format name
  std::string source;              // entity id prefix ("csl", "ofac", ...)
  std::string list_name;           // human name of the list
  std::string published;           // publication date found inside the file, ISO; may be empty
  std::string retrieved;           // ListSpec::retrieved: when the copy was downloaded, or
  uint64_t records = 0;            // entities produced
  uint64_t aliases = 0;            // aliases over those entities (primary names not counted)
  uint64_t skipped = 0;            // malformed records skipped
  std::string sha256;              // over the bytes of `files`
};

struct Snapshot {
  std::vector<Entity> entities;
  std::vector<SourceInfo> sources;
  std::vector<ParseIssue> issues;
  std::string hash;  // hex SHA-256 identifying the inputs

  // Entity by id, or nullptr. O(1) after BuildIdIndex() (LoadSnapshot calls it).
  const Entity* Find(std::string_view id) const;
  void BuildIdIndex();

 private:
  std::unordered_map<std::string_view, uint32_t> by_id_;
};

struct LoadOptions {
  // Stop with an error (instead of skipping) when more than this share of a file's records is
  // malformed: a file that is mostly garbage is not a list. Default: half.
  double max_bad_fraction = 0.5;
};

Result<Snapshot> LoadSnapshot(const std::vector<ListSpec>& lists, const LoadOptions& options = {});

// The snapshot shipped in data/default/ (see data/default/PROVENANCE.md). The directory is taken
// from $PARTYSCREEN_DATA_DIR if set, else <prefix>/share/partyscreen beside an installed binary
// (<prefix>/bin/partyscreen) if it holds default/, else the source tree's data/ compiled in.
std::string DefaultDataDir();
std::vector<ListSpec> DefaultListSpecs();
// The bundled snapshot's files under another data directory (its default/).
std::vector<ListSpec> DefaultListSpecs(const std::string& data_dir);

}  // namespace partyscreen
