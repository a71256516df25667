// The list directory kept by `partyscreen lists update` (update/updater.h): which downloaded file
// of each source is the active version.
//
//   DIR/current.json            the active manifest (replaced atomically: readers see the old or
//                               the new one, never a mix)
//   DIR/manifests/NNNNNN.json   every manifest made, numbered
//   DIR/archive/<source>/<sha256>/<file>   every verified download, by content hash
//
// `--list DIR` (LoadSnapshot) reads DIR/current.json when it is there: each source becomes a
// ListSpec with the format and retrieval time recorded, so staleness counts from the download.
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "partyscreen/snapshot.h"
#include "partyscreen/status.h"

namespace partyscreen {

inline constexpr const char* kManifestFile = "current.json";

struct ManifestSource {
  std::string id;         // the sources file's id ("ofac-sdn", "un"...)
  std::string format;     // list format name ("ofac-csv")
  std::string path;       // the primary file, relative to the list directory
  std::string sha256;     // over the source's files (the loader's SourceInfo::sha256)
  std::string retrieved;  // ISO 8601 UTC time of the download that produced this version
  uint64_t entities = 0;  // entities the loader read from it
};

struct Manifest {
  uint64_t number = 0;  // 1, 2, ...: one more per manifest made in the directory
  std::string created;  // ISO 8601 UTC
  std::vector<ManifestSource> sources;
};

// Reads a manifest file; Corrupt naming the file when it is not one.
Result<Manifest> ReadManifest(const std::string& path);
std::string ManifestToJson(const Manifest& manifest);

// The ListSpecs of the active manifest of list directory `dir` (paths made absolute under dir).
Result<std::vector<ListSpec>> ManifestListSpecs(const std::string& dir);

}  // namespace partyscreen
